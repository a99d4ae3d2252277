package io.ballast.server.indicator;

import static io.ballast.server.indicator.PluginJars.drop;
import static io.ballast.server.indicator.PluginJars.hostile;
import static io.ballast.server.indicator.PluginJars.indicator;
import static io.ballast.server.indicator.PluginJars.researchTimes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running server with its plugins folder's jars in runner JVMs (the default): they score like any plugin, hostile
 * ones are reported in {@code GET /api/v1/indicators} with their cause while the server answers on, and a plugin
 * that hangs in {@code close()} does not hold up shutdown.
 */
class IsolatedPluginServerTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    TestServer server;

    private TestServer start() {
        server = TestServer.start(dataDir, Map.of("BALLAST_PLUGINS_SCAN_INTERVAL_MS", "100",
                "BALLAST_PLUGINS_MEASURE_TIMEOUT_MS", "1000", "BALLAST_PLUGINS_RUNNER_HEAP_MB", "48"));
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Optional<JsonNode> plugin(String id) {
        try {
            for (JsonNode p : JSON.readTree(server.get("/api/v1/indicators").body()).get("indicators")) {
                if (p.get("id").asText().equals(id)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This JVM's child processes that are JVMs: the plugin runners, as nothing else here starts one. */
    private static List<ProcessHandle> runners() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false)).toList();
    }

    @Test
    void aJarRunsInARunnerOfItsOwnAndItsScoresArrive() {
        start();
        drop(server.ballast().pluginsFolder(), "research.jar", indicator("research-test", "1.0.0",
                researchTimes(20, "isolated")));

        await().atMost(Duration.ofSeconds(15)).until(() -> plugin("research-test").isPresent());
        assertThat(plugin("research-test").orElseThrow().get("state").asText()).isEqualTo("STARTED");
        assertThat(runners()).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                server.get("/api/v1/scores/latest?region=USA").body().contains("isolated scores"));
    }

    @Test
    void aPluginCallingSystemExitPresentAtStartFailsAloneAndTheServerServes() throws IOException {
        Path folder = Files.createDirectories(dataDir.resolve("plugins"));
        drop(folder, "exit.jar", hostile("exits", """
                public IndicatorDescriptor descriptor() { return describe(); }
                public IndicatorReading measure(IndicatorContext context) { System.exit(0); return fine(); }
                """));

        start();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(plugin("exits")).hasValueSatisfying(
                p -> {
                    assertThat(p.get("state").asText()).isEqualTo("FAILED");
                    assertThat(p.get("failure").asText()).contains("exited with code 0");
                }));
        assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/scores/latest?region=USA").statusCode()).isEqualTo(200);
    }

    @Test
    void shutdownWithAPluginHangingInCloseAndInMeasureCompletesWithinTenSeconds() {
        start();
        Path folder = server.ballast().pluginsFolder();
        drop(folder, "close.jar", hostile("never-closes", """
                public IndicatorDescriptor descriptor() { return describe(); }
                public IndicatorReading measure(IndicatorContext context) { return fine(); }
                public void close() {
                    while (true) { try { Thread.sleep(1000); } catch (InterruptedException e) { } }
                }
                """));
        await().atMost(Duration.ofSeconds(15)).until(() -> plugin("never-closes").isPresent());
        assertThat(runners()).hasSize(1);

        long started = System.nanoTime();
        server.close();
        server = null;

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> runners().isEmpty());
    }
}
