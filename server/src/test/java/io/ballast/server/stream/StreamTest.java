package io.ballast.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.TestServer;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live path end to end: a POSTed observation reaches every open stream of its region as a numbered event. */
class StreamTest {

    @TempDir
    static Path dataDir;

    static TestServer server;
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        // the stream's mechanics alone: no uncertainty events between the score events (UncertaintyApiTest has those)
        server = TestServer.start(dataDir, java.util.Map.of("BALLAST_UNCERTAINTY_ENABLED", "false"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aNewStreamStartsWithTheCurrentScoresAsASnapshot() throws Exception {
        try (SseClient sse = new SseClient(client, server.uri("/api/v1/stream?region=CHN"), null)) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.contentType()).startsWith("text/event-stream");
            SseClient.Event snapshot = sse.next(Duration.ofSeconds(2));
            assertThat(snapshot).isNotNull();
            assertThat(snapshot.event()).isEqualTo("score");
            assertThat(Long.parseLong(snapshot.id())).isPositive();
            assertThat(JSON.readTree(snapshot.data()).toString())
                    .isEqualTo(JSON.readTree(server.get("/api/v1/scores/latest?region=CHN").body()).toString());
        }
    }

    @Test
    void aPostedObservationReachesEveryOpenStreamOfItsRegionWithinTwoSeconds() throws Exception {
        try (SseClient first = new SseClient(client, server.uri("/api/v1/stream?region=USA"), null);
             SseClient second = new SseClient(client, server.uri("/api/v1/stream?region=USA"), null);
             SseClient other = new SseClient(client, server.uri("/api/v1/stream?region=DEU"), null)) {
            long snapshotId = Long.parseLong(first.next(Duration.ofSeconds(2)).id());
            assertThat(second.next(Duration.ofSeconds(2))).isNotNull();
            assertThat(other.next(Duration.ofSeconds(2))).isNotNull();

            long posted = System.nanoTime();
            var r = server.post("/api/v1/observations", "{\"observations\":[{\"region\":\"USA\","
                    + "\"series\":\"SL.UEM.TOTL.ZS\",\"period\":2023,\"value\":12.5}]}");
            assertThat(r.statusCode()).isEqualTo(200);

            SseClient.Event event = first.next(Duration.ofSeconds(2));
            assertThat(event).as("event within 2 s").isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - posted)).isLessThan(Duration.ofSeconds(2));
            assertThat(event.event()).isEqualTo("score");
            assertThat(Long.parseLong(event.id())).isGreaterThan(snapshotId);
            JsonNode doc = JSON.readTree(event.data());
            assertThat(doc.get("region").asText()).isEqualTo("USA");
            JsonNode labor = null;
            for (JsonNode i : doc.get("indicators")) {
                if (i.get("id").asText().equals("labor-conditions")) {
                    labor = i;
                }
            }
            assertThat(labor).isNotNull();
            assertThat(doc.get("period").asInt()).isEqualTo(2023);
            assertThat(doc.get("composite").get("change").get("basis").asText()).isNotBlank();

            SseClient.Event copy = second.next(Duration.ofSeconds(2));
            assertThat(copy).isNotNull();
            assertThat(copy.id()).isEqualTo(event.id());
            assertThat(copy.data()).isEqualTo(event.data());
            assertThat(other.next(Duration.ofMillis(500))).as("another region's stream hears nothing").isNull();
        }
    }

    @Test
    void aReconnectWithLastEventIdReplaysEveryMissedEventInOrderAndNothingElse() throws Exception {
        String lastSeen;
        try (SseClient gone = new SseClient(client, server.uri("/api/v1/stream?region=JPN"), null)) {
            assertThat(gone.next(Duration.ofSeconds(2))).as("the snapshot").isNotNull();
            // an event published while the server runs, so the replay rings know what followed it
            postUnemployment("JPN", 6.5);
            lastSeen = nextContaining(gone, "6.5").id();
        }
        // two events happen while that client is away; another one watches them go out
        SseClient.Event first;
        SseClient.Event second;
        try (SseClient watcher = new SseClient(client, server.uri("/api/v1/stream?region=JPN"), null)) {
            assertThat(watcher.next(Duration.ofSeconds(2))).isNotNull();
            postUnemployment("JPN", 7.25);
            first = nextContaining(watcher, "7.25");
            postUnemployment("JPN", 8.75);
            second = nextContaining(watcher, "8.75");
        }
        try (SseClient back = new SseClient(client, server.uri("/api/v1/stream?region=JPN"), lastSeen)) {
            SseClient.Event a = back.next(Duration.ofSeconds(2));
            SseClient.Event b = back.next(Duration.ofSeconds(2));
            assertThat(a).as("the first missed event, replayed from the ring").isNotNull();
            assertThat(a.id()).isEqualTo(first.id());
            assertThat(a.data()).contains("7.25").doesNotContain("8.75");
            assertThat(b).as("then the second, not just a snapshot of the latest").isNotNull();
            assertThat(b.id()).isEqualTo(second.id());
            assertThat(back.next(Duration.ofMillis(300))).as("nothing else to replay").isNull();
        }
        try (SseClient sse = new SseClient(client, server.uri("/api/v1/stream?region=JPN"), "not-a-number")) {
            SseClient.Event snapshot = sse.next(Duration.ofSeconds(2));
            assertThat(snapshot).as("an id we never issued gets a snapshot").isNotNull();
            assertThat(snapshot.id()).isEqualTo(second.id());
        }
    }

    private static void postUnemployment(String region, double value) {
        var r = server.post("/api/v1/observations", "{\"observations\":[{\"region\":\"" + region + "\","
                + "\"series\":\"SL.UEM.TOTL.ZS\",\"period\":2025,\"value\":" + value + "}]}");
        assertThat(r.statusCode()).isEqualTo(200);
    }

    /** The first event whose data contains {@code text}, waiting up to 5 s. */
    private static SseClient.Event nextContaining(SseClient sse, String text) {
        var found = new java.util.concurrent.atomic.AtomicReference<SseClient.Event>();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            SseClient.Event e = sse.next(Duration.ofMillis(200));
            if (e != null && e.data().contains(text)) {
                found.set(e);
            }
            return found.get() != null;
        });
        return found.get();
    }

    @Test
    void beyondTheStreamCapANewStreamGets503WithRetryAfterWhileEverythingElseServes(
            @org.junit.jupiter.api.io.TempDir Path otherDir) throws Exception {
        try (TestServer capped = TestServer.start(otherDir, java.util.Map.of("BALLAST_STREAM_MAX_CONNECTIONS", "2"));
             SseClient a = new SseClient(client, capped.uri("/api/v1/stream?region=CHN"), null);
             SseClient b = new SseClient(client, capped.uri("/api/v1/stream?region=USA"), null)) {
            assertThat(a.next(Duration.ofSeconds(2))).isNotNull();
            assertThat(b.next(Duration.ofSeconds(2))).isNotNull();
            var refused = capped.get("/api/v1/stream?region=DEU");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(capped.get("/api/v1/scores/latest?region=DEU").statusCode()).isEqualTo(200);
            assertThat(capped.get("/health/ready").statusCode()).isEqualTo(200);
        }
    }
}
