package io.ballast.server.connector;

import static io.ballast.server.connector.WorldBankStub.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.TestServer;
import io.ballast.server.stream.SseProbe;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector inside a running server: a newer vintage at the source flows through the store, the scores and the
 * stream, and every score names the vintages it used. The source is a local stand-in; nothing leaves loopback.
 */
class WorldBankServerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String FDI = "/api/v1/series/BX.KLT.DINV.WD.GD.ZS?region=CHN";

    @TempDir
    Path dataDir;

    @Test
    void aChangedVintageUpdatesValuesAndScoresAndGoesOutOnTheStream() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (WorldBankStub stub = WorldBankStub.start(vertx)) {
            stub.on("CHN", "BX.KLT.DINV.WD.GD.ZS", 1, fixture("fdi-chn-2026-04-08.json"));
            try (TestServer server = TestServer.start(dataDir, Map.of(
                    "BALLAST_CONNECTORS_WORLDBANK_ENABLED", "true",
                    "BALLAST_CONNECTORS_WORLDBANK_BASE_URL", stub.baseUrl(),
                    "BALLAST_CONNECTORS_WORLDBANK_INDICATORS", "BX.KLT.DINV.WD.GD.ZS",
                    "BALLAST_CONNECTORS_WORLDBANK_REGIONS", "CHN",
                    "BALLAST_CONNECTORS_WORLDBANK_INTERVAL_SECONDS", "1",
                    "BALLAST_CONNECTORS_WORLDBANK_RETRIES", "0"))) {

                // The first run finds the vintage the bundled FDI series of China already has: the source is recorded
                // as its origin, the values stay as they are.
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        json(server.get(FDI).body()).path("vintageOrigin").asText().startsWith("World Bank API v2"));
                JsonNode first = json(server.get(FDI).body());
                assertThat(first.get("vintage").asText()).isEqualTo("2026-04-08");
                assertThat(first.get("licence").asText()).isEqualTo("CC BY 4.0");
                JsonNode before = latestFdi(server);
                assertThat(before.get("vintages").get("BX.KLT.DINV.WD.GD.ZS").asText()).isEqualTo("2026-04-08");

                try (SseProbe sse = new SseProbe(server.client(), server.uri("/api/v1/stream?region=CHN"))) {
                    assertThat(sse.next(Duration.ofSeconds(5))).as("the snapshot").isNotNull();
                    // Runs that find the same vintage read one page and change nothing.
                    int requestsBefore = stub.requests().size();
                    await().atMost(Duration.ofSeconds(5)).until(() -> stub.requests().size() > requestsBefore);
                    assertThat(json(server.get(FDI).body())).isEqualTo(first);

                    // The source publishes a new vintage that revises 2024 (0.10 → 1.5 % of GDP; a test value).
                    stub.on("CHN", "BX.KLT.DINV.WD.GD.ZS", 1, fixture("fdi-chn-2026-07-15.json"));
                    String event = sse.nextContaining("2026-07-15", Duration.ofSeconds(10));
                    assertThat(event).as("a score event carrying the new vintage").isNotNull();
                }

                JsonNode after = json(server.get(FDI).body());
                assertThat(after.get("vintage").asText()).isEqualTo("2026-07-15");
                assertThat(after.get("points").findValuesAsText("value")).contains("1.5");
                JsonNode fdi = latestFdi(server);
                assertThat(fdi.get("vintages").get("BX.KLT.DINV.WD.GD.ZS").asText()).isEqualTo("2026-07-15");
                assertThat(fdi.get("period").asInt()).isEqualTo(before.get("period").asInt());
                assertThat(fdi.get("score").asDouble()).isGreaterThan(before.get("score").asDouble());
                JsonNode composite = json(server.get("/api/v1/scores/latest?region=CHN").body()).get("composite");
                assertThat(composite.get("vintages").get("BX.KLT.DINV.WD.GD.ZS").asText()).isEqualTo("2026-07-15");
            }
        } finally {
            vertx.close().await();
        }
    }

    private static JsonNode latestFdi(TestServer server) {
        for (JsonNode indicator : json(server.get("/api/v1/scores/latest?region=CHN").body()).get("indicators")) {
            if (indicator.get("id").asText().equals("foreign-investment")) {
                return indicator;
            }
        }
        throw new AssertionError("no foreign-investment reading");
    }

    private static JsonNode fdiVintages(TestServer server) {
        return latestFdi(server).path("vintages");
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }
}
