package io.ballast.server.connector;

import static io.ballast.server.connector.FederalRegisterStub.fixture;
import static io.ballast.server.connector.FederalRegisterStub.textFixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.TestServer;
import io.ballast.server.stream.SseProbe;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Federal Register connector inside a running server: a new rule at the source becomes an event, rescores its
 * economy and reaches an open dashboard as an annotation and a score change; readiness shows the last success; when
 * the source goes away, events and scores stay as they were. The source is a local stand-in; nothing leaves loopback.
 */
class FederalRegisterServerTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void aNewRuleReachesAnOpenDashboardAndAnOfflineSourceChangesNothing() throws Exception {
        Vertx vertx = Vertx.vertx();
        FederalRegisterStub stub = FederalRegisterStub.start(vertx);
        try (TestServer server = TestServer.start(dataDir, Map.of(
                "BALLAST_CONNECTORS_FEDERALREGISTER_ENABLED", "true",
                "BALLAST_CONNECTORS_FEDERALREGISTER_BASE_URL", stub.baseUrl(),
                "BALLAST_CONNECTORS_FEDERALREGISTER_SINCE", "2024-09-01",
                "BALLAST_CONNECTORS_FEDERALREGISTER_INTERVAL_SECONDS", "1",
                "BALLAST_CONNECTORS_FEDERALREGISTER_RETRIES", "0"))) {

            // The first run finds nothing new; readiness says when it last succeeded.
            await().atMost(Duration.ofSeconds(10)).until(() -> source(server).path("lastSuccess").isTextual());

            try (SseProbe sse = new SseProbe(server.client(), server.uri("/api/v1/stream?region=CHN"))) {
                assertThat(sse.nextEvent(Duration.ofSeconds(5))).as("the snapshot").isNotNull();
                stub.onEvery(1, fixture("rules-page-1.json")).onEvery(2, fixture("rules-page-2.json"))
                        .text("/documents/full_text/text/2024/09/26/2024-22040.txt",
                                textFixture("text-2024-22040.txt"));

                List<SseProbe.Received> seen = new ArrayList<>();
                await().atMost(Duration.ofSeconds(15)).until(() -> {
                    SseProbe.Received next = sse.nextEvent(Duration.ofMillis(200));
                    if (next != null) {
                        seen.add(next);
                    }
                    return seen.stream().anyMatch(e -> e.event().equals("event") && e.data().contains("fr-2024-25101"))
                            && seen.stream().anyMatch(e -> e.event().equals("score"));
                });
            }
            JsonNode china = json(server.get("/api/v1/events?region=CHN").body()).get("events");
            JsonNode added = null;
            for (JsonNode e : china) {
                if (e.get("id").asText().equals("fr-2024-25101")) {
                    added = e;
                }
            }
            assertThat(added).isNotNull();
            assertThat(added.get("entities").asInt()).isEqualTo(23);
            assertThat(added.get("origin").asText()).isEqualTo("federalregister");
            assertThat(added.get("needsReview").asBoolean()).isFalse();
            assertThat(china.findValuesAsText("id")).contains("fr-2024-22040-chn");
            JsonNode review = json(server.get("/api/v1/events?review=true").body()).get("events");
            assertThat(review.findValuesAsText("id")).contains("fr-2024-24511");

            // The source goes away: the runs fail as offline, readiness keeps the last success, nothing changes.
            String events = server.get("/api/v1/events?region=CHN").body();
            List<Double> scores = scores(server);
            String lastSuccess = source(server).get("lastSuccess").asText();
            stub.close();
            await().atMost(Duration.ofSeconds(15)).until(() -> source(server).path("lastError").asText()
                    .contains("unreachable"));
            assertThat(source(server).get("lastSuccess").asText()).isEqualTo(lastSuccess);
            assertThat(server.get("/api/v1/events?region=CHN").body()).isEqualTo(events);
            assertThat(scores(server)).isEqualTo(scores);
        } finally {
            vertx.close().await();
        }
    }

    static JsonNode source(TestServer server) throws Exception {
        return json(server.get("/health/ready").body()).path("checks").path("sources").path("federalregister");
    }

    /** The composite and indicator scores of China's latest document, without the uncertainty bands. */
    static List<Double> scores(TestServer server) throws Exception {
        JsonNode doc = json(server.get("/api/v1/scores/latest?region=CHN").body());
        List<Double> out = new ArrayList<>();
        out.add(doc.path("composite").path("score").asDouble());
        doc.path("indicators").forEach(i -> out.add(i.path("score").asDouble()));
        return out;
    }

    static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }
}
