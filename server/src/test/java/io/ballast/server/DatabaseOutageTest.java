package io.ballast.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.store.PostgresFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on PostgreSQL while PostgreSQL restarts: not ready with the reason, cached reads still answered, writes
 * refused with 503 problem+json (nothing stored, retry later), and ready again without a restart once it is back.
 */
class DatabaseOutageTest {

    private static final String SERIES = "/api/v1/series/SL.UEM.TOTL.ZS?region=IND";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void aPostgresRestartMakesTheServerNotReadyAndRefuseWritesUntilItIsBack() throws Exception {
        PostgresFixture pg = PostgresFixture.shared();
        Map<String, String> env = Map.of("BALLAST_DATABASE_URL", pg.createDatabase("outage"),
                "BALLAST_DATABASE_USER", PostgresFixture.USER, "BALLAST_DATABASE_CONNECT_TIMEOUT_MS", "1000");
        try (TestServer server = TestServer.start(dataDir, env)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> server.get("/health/ready").statusCode() == 200);
            String cached = server.get(SERIES).body();
            pg.stop();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> server.get("/health/ready").statusCode() == 503);
                JsonNode checks = JSON.readTree(server.get("/health/ready").body()).get("checks");
                assertThat(checks.get("database").asText()).isEqualTo("DOWN");
                assertThat(checks.get("databaseReason").asText()).as("why, for the operator").isNotBlank();
                assertThat(server.get("/metrics").body()).contains("ballast_database_up{vendor=\"postgresql\"} 0.0");
                HttpResponse<String> cachedRead = server.get(SERIES);
                assertThat(cachedRead.statusCode()).isEqualTo(200);
                assertThat(cachedRead.body()).isEqualTo(cached);
                HttpResponse<String> write = server.post("/api/v1/observations", observation(7.5));
                assertThat(write.statusCode()).isEqualTo(503);
                assertThat(write.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(write.headers().firstValue("Retry-After")).isPresent();
                assertThat(write.body()).contains("database cannot be reached");
            } finally {
                pg.start();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> server.get("/health/ready").statusCode() == 200);
            assertThat(server.post("/api/v1/observations", observation(7.75)).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.get(SERIES).body().contains("7.75"));
        }
    }

    private static String observation(double value) {
        return "{\"observations\":[{\"region\":\"IND\",\"series\":\"SL.UEM.TOTL.ZS\",\"period\":2026,\"value\":"
                + value + "}]}";
    }
}
