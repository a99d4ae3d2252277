package io.ballast.server.indicator;

import static io.ballast.server.indicator.PluginJars.drop;
import static io.ballast.server.indicator.PluginJars.indicator;
import static io.ballast.server.indicator.PluginJars.researchTimes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.TestServer;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real jars dropped into the plugins folder of a running server: no restart, and no plugin can take it down. These
 * run the jars in process (their class loaders are checked); {@link IsolatedPluginServerTest} runs them in runners.
 */
class PluginFolderTest {

    @TempDir
    Path dataDir;

    TestServer server;
    Path folder;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void start() {
        server = TestServer.start(dataDir, Map.of("BALLAST_PLUGINS_SCAN_INTERVAL_MS", "100",
                "BALLAST_PLUGINS_MEASURE_TIMEOUT_MS", "300", "BALLAST_PLUGINS_ISOLATION", "in-process"));
        folder = server.ballast().pluginsFolder();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode indicators() {
        try {
            return JSON.readTree(server.get("/api/v1/indicators").body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Optional<JsonNode> plugin(String id) {
        for (JsonNode p : indicators().get("indicators")) {
            if (p.get("id").asText().equals(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private String refusals(String jar) {
        return indicators().get("refused").path(jar).toString();
    }

    @Test
    void aJarCopiedInIsLoadedWithinTwoSecondsAndItsScoresArriveOverTheStream() throws Exception {
        var client = HttpClient.newHttpClient();
        try (var sse = new io.ballast.server.stream.SseProbe(client, server.uri("/api/v1/stream?region=DEU"))) {
            sse.next(Duration.ofSeconds(2)); // the snapshot
            drop(folder, "research.jar", indicator("research-test", "1.0.0", researchTimes(20, "v1")));
            await().atMost(Duration.ofSeconds(2)).until(() -> plugin("research-test").isPresent());
            JsonNode p = plugin("research-test").orElseThrow();
            assertThat(p.get("source").asText()).isEqualTo("research.jar");
            assertThat(p.get("state").asText()).isEqualTo("STARTED");
            assertThat(p.get("builtIn").asBoolean()).isFalse();
            String event = sse.nextContaining("research-test", Duration.ofSeconds(5));
            assertThat(event).as("a score event carrying the new indicator").isNotNull().contains("v1 scores");
        }
    }

    @Test
    void theExamplePluginUnderDocsLoadsThroughTheFolderAndScoresEveryRegion() {
        Path example = Path.of("..", "docs", "examples", "research-intensity-plugin").toAbsolutePath().normalize();
        drop(folder, "research-intensity-plugin-1.0.0.jar", PluginJars.fromProject(example));
        await().atMost(Duration.ofSeconds(2)).until(() -> plugin("research-intensity").isPresent());
        assertThat(plugin("research-intensity").orElseThrow().get("state").asText()).isEqualTo("STARTED");
        for (String region : java.util.List.of("CHN", "USA", "DEU", "JPN", "KOR", "IND")) {
            await(region).atMost(Duration.ofSeconds(5)).until(() -> server.get(
                    "/api/v1/scores/latest?region=" + region).body().contains("\"research-intensity\""));
        }
    }

    @Test
    void aReplacedJarSwapsToTheNewVersionAndADeletedOneUnloadsAndItsClassLoaderIsCollected() throws Exception {
        drop(folder, "research.jar", indicator("research-test", "1.0.0", researchTimes(20, "v1")));
        await().atMost(Duration.ofSeconds(2)).until(() -> plugin("research-test").isPresent());
        await().atMost(Duration.ofSeconds(5)).until(() ->
                server.get("/api/v1/scores/latest?region=USA").body().contains("v1 scores"));

        drop(folder, "research.jar", indicator("research-test", "2.0.0", researchTimes(10, "v2")));
        await().atMost(Duration.ofSeconds(3)).until(() ->
                plugin("research-test").map(p -> p.get("version").asText().equals("2.0.0")).orElse(false));
        await().atMost(Duration.ofSeconds(5)).until(() ->
                server.get("/api/v1/scores/latest?region=USA").body().contains("v2 scores"));

        WeakReference<ClassLoader> loader = new WeakReference<>(
                server.ballast().plugins().get("research-test").orElseThrow().loader().orElseThrow());
        Files.delete(folder.resolve("research.jar"));
        await().atMost(Duration.ofSeconds(3)).until(() -> plugin("research-test").isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() ->
                !server.get("/api/v1/scores/latest?region=USA").body().contains("research-test"));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            System.gc();
            return loader.get() == null;
        });
    }

    @Test
    void brokenPluginsAreReportedWithTheirCauseWhileTheOthersKeepUpdating() throws Exception {
        drop(folder, "throws.jar", indicator("throws-test", "1.0.0",
                "throw new IllegalStateException(\"kaput\");"));
        drop(folder, "sleeps.jar", indicator("sleeps-test", "1.0.0",
                "try { Thread.sleep(5000); } catch (InterruptedException e) { } " + researchTimes(1, "late")));
        drop(folder, "nan.jar", indicator("nan-test", "1.0.0",
                "return new IndicatorReading(Double.NaN, List.of(), \"nan\", 1.0, List.of());"));
        drop(folder, "duplicate.jar", indicator("foreign-investment", "9.9.9", researchTimes(1, "dup")));
        Files.writeString(folder.resolve("notes.jar"), "this is not a jar");
        drop(folder, "future.jar", indicator("future-test", "1.0.0", researchTimes(1, "f"), "2.0", true));
        drop(folder, "noservice.jar", indicator("noservice-test", "1.0.0", researchTimes(1, "n"), "1.0", false));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(plugin("throws-test")).get().satisfies(p -> {
                assertThat(p.get("state").asText()).isEqualTo("FAILED");
                assertThat(p.get("failure").asText()).contains("kaput");
            });
            assertThat(plugin("sleeps-test")).get().satisfies(p -> {
                assertThat(p.get("state").asText()).isEqualTo("FAILED");
                assertThat(p.get("failure").asText()).contains("longer than 300 ms");
            });
            assertThat(plugin("nan-test")).get().satisfies(p -> {
                assertThat(p.get("state").asText()).isEqualTo("FAILED");
                assertThat(p.get("failure").asText()).contains("invalid reading").contains("score");
            });
            // every jar is acted on in the same scans, but not necessarily by the time the failures show
            assertThat(refusals("duplicate.jar")).contains("already taken by classpath");
            assertThat(refusals("notes.jar")).contains("not a jar");
            assertThat(refusals("future.jar")).contains("2.0").contains(io.ballast.api.IndicatorApi.version());
            assertThat(refusals("noservice.jar")).contains("META-INF/services/io.ballast.api.Indicator");
        });
        assertThat(plugin("foreign-investment").orElseThrow().get("source").asText()).isEqualTo("classpath");

        var client = HttpClient.newHttpClient();
        try (var sse = new io.ballast.server.stream.SseProbe(client, server.uri("/api/v1/stream?region=KOR"))) {
            sse.next(Duration.ofSeconds(2));
            // three years of 33.3 % of GDP: the 3-year mean the indicator reads is 33.3 too
            String fdi = "{\"region\":\"KOR\",\"series\":\"BX.KLT.DINV.WD.GD.ZS\",\"period\":%d,\"value\":33.3}";
            HttpResponse<String> posted = server.post("/api/v1/observations", "{\"observations\":["
                    + String.format(fdi, 2022) + "," + String.format(fdi, 2023) + "," + String.format(fdi, 2024) + "]}");
            assertThat(posted.statusCode()).isEqualTo(200);
            String event = sse.nextContaining("33.3", Duration.ofSeconds(3));
            assertThat(event).as("the built-in indicators keep updating").isNotNull().contains("foreign-investment");
        }
        assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void eachPluginsOwnHealthCheckIsReportedAndOneThatHangsHoldsUpNoRequest() throws Exception {
        drop(folder, "hangs.jar", indicator("hangs-test", "1.0.0", researchTimes(20, "h"), "1.0", true,
                "public Health checkHealth() { try { Thread.sleep(60_000); } catch (InterruptedException e) { } "
                        + "return Health.HEALTHY; }"));
        drop(folder, "sick.jar", indicator("sick-test", "1.0.0", researchTimes(20, "s"), "1.0", true,
                "public Health checkHealth() { return Health.unhealthy(\"the feed is stale\"); }"));
        await().atMost(Duration.ofSeconds(3)).until(() -> plugin("hangs-test").isPresent()
                && plugin("sick-test").isPresent());
        long started = System.nanoTime();
        assertThat(plugin("hangs-test").orElseThrow().get("health").toString())
                .contains("\"healthy\":false").contains("did not answer within 300 ms");
        assertThat(plugin("sick-test").orElseThrow().get("health").toString())
                .contains("\"healthy\":false").contains("the feed is stale");
        assertThat(plugin("labor-conditions").orElseThrow().get("health").get("healthy").asBoolean()).isTrue();
        HttpResponse<String> ready = server.get("/health/ready");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(ready.statusCode()).as("the built-ins are healthy").isEqualTo(200);
        JsonNode plugins = JSON.readTree(ready.body()).get("checks").get("plugins");
        assertThat(plugins.get("unhealthy").fieldNames()).toIterable().contains("hangs-test", "sick-test");
        assertThat(plugins.get("healthy").asInt()).isEqualTo(plugins.get("started").asInt() - 2);
        assertThat(plugin("hangs-test").orElseThrow().get("state").asText()).isEqualTo("STARTED");
    }

    @Test
    void aHalfCopiedJarIsRetriedOnceItIsComplete() throws Exception {
        byte[] jar = indicator("slow-copy-test", "1.0.0", researchTimes(20, "slow"));
        Path target = folder.resolve("slow.jar");
        Files.write(target, java.util.Arrays.copyOf(jar, jar.length / 2));
        // once it held still for a scan it looks finished: it is loaded, fails, and is reported
        await().atMost(Duration.ofSeconds(3)).until(() -> !refusals("slow.jar").equals(""));
        Files.write(target, jar);
        await().atMost(Duration.ofSeconds(2)).until(() -> plugin("slow-copy-test").isPresent());
        assertThat(refusals("slow.jar")).isEmpty();
    }

    @Test
    void anAdminCanDisableAndEnableAPluginAndOthersCannot() throws Exception {
        String path = "/api/v1/admin/plugins/labor-conditions/disable";
        assertThat(server.post(path, "", null).statusCode()).isEqualTo(401);
        assertThat(server.post(path, "", "not-the-token").statusCode()).isEqualTo(401);
        HttpResponse<String> disabled = server.post(path, "");
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(disabled.body()).get("state").asText()).isEqualTo("DISABLED");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                !server.get("/api/v1/scores/latest?region=CHN").body().contains("\"labor-conditions\""));
        HttpResponse<String> enabled = server.post("/api/v1/admin/plugins/labor-conditions/enable", "");
        assertThat(JSON.readTree(enabled.body()).get("state").asText()).isEqualTo("STARTED");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                server.get("/api/v1/scores/latest?region=CHN").body().contains("\"labor-conditions\""));
        assertThat(server.post("/api/v1/admin/plugins/nope/disable", "").statusCode()).isEqualTo(404);
    }
}
