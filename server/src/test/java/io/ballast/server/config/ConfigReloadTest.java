package io.ballast.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.TestServer;
import io.ballast.server.stream.SseProbe;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing the config file of a running server: a valid edit applies, and the scores and stream follow; a bad one is refused. */
class ConfigReloadTest {

    @TempDir
    Path dir;

    static final ObjectMapper JSON = new ObjectMapper();

    private static void write(Path file, String yaml) throws Exception {
        Files.writeString(file, yaml);
        // a distinct time stamp even on file systems with coarse clocks
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(Files.exists(file) ? 5 : 0)));
    }

    private static double composite(TestServer server) throws Exception {
        return JSON.readTree(server.get("/api/v1/scores/history?region=CHN&indicator=composite&from=2021&to=2021")
                .body()).get("points").get(0).get("score").asDouble();
    }

    @Test
    void aNewWeightAppliesWithoutARestartAndAnInvalidEditKeepsTheRunningConfig() throws Exception {
        Path file = dir.resolve("ballast.yaml");
        write(file, "indicators:\n  labor-conditions:\n    weight: 1\n");
        try (TestServer server = TestServer.start(dir.resolve("data"), Map.of("BALLAST_SERVER_RELOAD_CHECK_MS", "100"),
                Optional.of(file));
             SseProbe sse = new SseProbe(HttpClient.newHttpClient(), server.uri("/api/v1/stream?region=CHN"))) {
            sse.next(Duration.ofSeconds(2));
            double before = composite(server);

            write(file, "indicators:\n  labor-conditions:\n    weight: 5\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> composite(server) != before);
            double reweighted = composite(server);
            assertThat(sse.nextContaining("\"composite\"", Duration.ofSeconds(3))).as("the stream follows").isNotNull();
            assertThat(JSON.readTree(server.get("/api/v1/indicators").body()).get("indicators").toString())
                    .contains("\"id\":\"labor-conditions\"").contains("\"weight\":5.0");

            write(file, "indicators:\n  labor-conditions:\n    weight: -3\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> server.get("/metrics").body()
                    .contains("ballast_config_reloads_total{outcome=\"refused\"} 1.0"));
            assertThat(composite(server)).isEqualTo(reweighted);
            assertThat(JSON.readTree(server.get("/api/v1/indicators").body()).get("indicators").toString())
                    .contains("\"weight\":5.0");

            write(file, "indicators:\n  labor-conditions:\n    weight: 1\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> composite(server) == before);
        }
    }
}
