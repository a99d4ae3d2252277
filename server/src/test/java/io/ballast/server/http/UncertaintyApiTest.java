package io.ballast.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.TestServer;
import io.ballast.server.stream.SseClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 end to end: the composite's band and rank interval arrive after the plain score, as an event of their
 * own; the sensitivity indices name each choice; a scenario answers what posting its observations would give and
 * stores nothing; the analysis's ranges come from the config and follow a reload.
 */
class UncertaintyApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANALYSIS = Duration.ofSeconds(90);
    private static final String SCENARIO = "{\"observations\":[{\"region\":\"CHN\",\"series\":\"SL.UEM.1524.ZS\","
            + "\"period\":2024,\"value\":25}]}";

    @TempDir
    static Path dir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir.resolve("main"), Map.of("BALLAST_SECURITY_WRITES_PER_MINUTE", "100000"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode get(TestServer on, String path) throws IOException {
        var r = on.get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode analysed(TestServer on, String region) throws IOException {
        await().atMost(ANALYSIS).until(() -> get(on, "/api/v1/scores/latest?region=" + region)
                .path("uncertainty").path("status").asText().equals("done"));
        return get(on, "/api/v1/scores/latest?region=" + region);
    }

    @Test
    void theLatestCompositeCarriesABandAndARankIntervalOnceTheAnalysisIsDone() throws IOException {
        JsonNode doc = analysed(server, "CHN");
        assertThat(doc.at("/uncertainty/samples").asInt()).isEqualTo(128);
        JsonNode composite = doc.get("composite");
        JsonNode band = composite.get("band");
        assertThat(band.get("p5").asDouble()).isLessThanOrEqualTo(band.get("p50").asDouble());
        assertThat(band.get("p50").asDouble()).isLessThanOrEqualTo(band.get("p95").asDouble());
        assertThat(band.get("p95").asDouble() - band.get("p5").asDouble()).as("the choices move the composite")
                .isPositive();
        assertThat(band.get("defined").asInt()).isBetween(1, band.get("draws").asInt());
        JsonNode ranks = composite.get("rankInterval");
        assertThat(ranks.get("best").asInt()).isBetween(1, ranks.get("median").asInt());
        assertThat(ranks.get("median").asInt()).isLessThanOrEqualTo(ranks.get("worst").asInt());
        assertThat(ranks.get("worst").asInt()).isLessThanOrEqualTo(ranks.get("of").asInt());
        assertThat(composite.at("/subindexBands/capacity/p50").isNumber()).isTrue();

        JsonNode history = get(server, "/api/v1/scores/history?region=CHN&from=2015&to=2024");
        long banded = 0;
        for (JsonNode p : history.get("points")) {
            if (p.path("score").isNumber()) {
                assertThat(p.path("band").path("p50").isNumber()).as("band of " + p.get("period")).isTrue();
                banded++;
            }
        }
        assertThat(banded).isPositive();
    }

    @Test
    void aNewScoreGoesOutFirstAndItsBandFollowsAsAnUncertaintyEvent() throws Exception {
        analysed(server, "USA");
        try (SseClient sse = new SseClient(HttpClient.newHttpClient(), server.uri("/api/v1/stream?region=USA"),
                null)) {
            assertThat(sse.next(Duration.ofSeconds(5))).as("snapshot").isNotNull();
            var posted = server.post("/api/v1/observations", "{\"observations\":[{\"region\":\"USA\","
                    + "\"series\":\"SL.UEM.TOTL.ZS\",\"period\":2023,\"value\":9.5}]}");
            assertThat(posted.statusCode()).isEqualTo(200);

            SseClient.Event score = sse.next(Duration.ofSeconds(5));
            assertThat(score).isNotNull();
            assertThat(score.event()).isEqualTo("score");
            JsonNode plain = JSON.readTree(score.data());
            assertThat(plain.at("/uncertainty/status").asText()).isEqualTo("pending");
            assertThat(plain.get("composite").has("band")).as("no band of older scores").isFalse();

            SseClient.Event banded = sse.next(ANALYSIS);
            assertThat(banded).isNotNull();
            assertThat(banded.event()).isEqualTo("uncertainty");
            assertThat(Long.parseLong(banded.id())).isGreaterThan(Long.parseLong(score.id()));
            JsonNode doc = JSON.readTree(banded.data());
            assertThat(doc.at("/uncertainty/status").asText()).isEqualTo("done");
            assertThat(doc.at("/composite/score").asDouble()).isEqualTo(plain.at("/composite/score").asDouble());
            assertThat(doc.at("/composite/band/p50").isNumber()).isTrue();
        }
    }

    @Test
    void theSensitivityIndicesNameEachChoiceBetweenZeroAndOne() throws IOException {
        analysed(server, "CHN");
        JsonNode s = get(server, "/api/v1/sensitivity?region=CHN");
        assertThat(s.get("status").asText()).isEqualTo("done");
        assertThat(s.get("samples").asInt()).isEqualTo(128);
        List<String> choices = new ArrayList<>();
        for (JsonNode i : s.get("indices")) {
            choices.add(i.get("choice").asText());
            // estimates of indices near 0 or 1 may stray a little past them at N = 128
            assertThat(i.get("first").asDouble()).isBetween(-0.2, 1.2);
            assertThat(i.get("total").asDouble()).isBetween(-0.2, 1.2);
        }
        assertThat(choices).containsExactly("indicator weights", "input weights", "goalposts", "aggregation");
        assertThat(s.get("period").asInt()).isBetween(2015, 2026);

        var unknown = server.get("/api/v1/sensitivity?region=FRA");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void aScenarioAnswersWhatPostingItsObservationsWouldGiveAndStoresNothing(@TempDir Path fresh) throws Exception {
        String latestBefore = server.get("/api/v1/scores/latest?region=CHN").body();
        String seriesBefore = server.get("/api/v1/series/SL.UEM.1524.ZS?region=CHN").body();
        JsonNode answer = null;
        try (SseClient sse = new SseClient(HttpClient.newHttpClient(), server.uri("/api/v1/stream?region=CHN"),
                null)) {
            assertThat(sse.next(Duration.ofSeconds(5))).as("snapshot").isNotNull();
            for (int i = 0; i < 10; i++) {
                var r = server.post("/api/v1/scenarios", SCENARIO, null);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                answer = JSON.readTree(r.body());
            }
            assertThat(sse.next(Duration.ofSeconds(1))).as("a scenario sends no event").isNull();
        }
        JsonNode latestAfter = JSON.readTree(server.get("/api/v1/scores/latest?region=CHN").body());
        JsonNode before = JSON.readTree(latestBefore);
        assertThat(latestAfter.get("composite").get("score")).isEqualTo(before.get("composite").get("score"));
        assertThat(latestAfter.get("indicators")).isEqualTo(before.get("indicators"));
        assertThat(server.get("/api/v1/series/SL.UEM.1524.ZS?region=CHN").body()).isEqualTo(seriesBefore);

        assertThat(answer.get("samples").asInt()).isEqualTo(32);
        JsonNode entry = answer.get("regions").get(0);
        assertThat(entry.get("region").asText()).isEqualTo("CHN");
        JsonNode projected = entry.get("projected");
        assertThat(entry.get("actual").at("/composite/score")).isEqualTo(before.at("/composite/score"));
        assertThat(projected.at("/composite/band/p50").isNumber()).isTrue();

        // the same observation posted for real to a server of its own gives the projected scores
        try (TestServer other = TestServer.start(fresh)) {
            assertThat(other.post("/api/v1/observations", SCENARIO).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> get(other, "/api/v1/series/SL.UEM.1524.ZS?region=CHN")
                    .get("points").toString().contains("{\"period\":2024,\"value\":25.0"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode real = get(other, "/api/v1/scores/latest?region=CHN");
                assertThat(real.at("/composite/score").asDouble())
                        .isCloseTo(projected.at("/composite/score").asDouble(), within(1e-9));
                for (int i = 0; i < real.get("indicators").size(); i++) {
                    assertThat(real.get("indicators").get(i).get("score"))
                            .isEqualTo(projected.get("indicators").get(i).get("score"));
                }
            });
        }
    }

    @Test
    void aThousandScenariosLeaveTheDatabaseAndTheCachedDocumentsAsTheyWere(@TempDir Path own) throws Exception {
        Path data = own.resolve("data");
        Map<String, String> env = Map.of("BALLAST_SECURITY_WRITES_PER_MINUTE", "100000",
                "BALLAST_UNCERTAINTY_SCENARIO_SAMPLES", "2", "BALLAST_UNCERTAINTY_ENABLED", "false");
        TestServer.start(data, env).close(); // seeded and scored once
        String before = dump(data);
        List<String> documents = new ArrayList<>();
        List<String> after = new ArrayList<>();
        try (TestServer scenarios = TestServer.start(data, env)) {
            List<String> paths = new ArrayList<>();
            for (String region : List.of("CHN", "USA", "DEU", "JPN", "KOR", "IND")) {
                paths.add("/api/v1/scores/latest?region=" + region);
                paths.add("/api/v1/scores/history?region=" + region);
                paths.add("/api/v1/series/SL.UEM.1524.ZS?region=" + region);
            }
            for (String path : paths) {
                documents.add(scenarios.get(path).body());
            }
            HttpRequest request = HttpRequest.newBuilder(scenarios.uri("/api/v1/scenarios"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"observations\":[{\"region\":\"CHN\",\"series\":\"SL.UEM.1524.ZS\",\"period\":2024,"
                                    + "\"value\":25},{\"region\":\"USA\",\"series\":\"NV.IND.MANF.ZS\","
                                    + "\"period\":2030,\"value\":40}]}")).build();
            HttpClient client = HttpClient.newHttpClient();
            int answered = 0;
            for (int round = 0; round < 250; round++) { // four at a time: scenarios queue behind each other
                var pending = new ArrayList<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>>();
                for (int i = 0; i < 4; i++) {
                    pending.add(client.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofString()));
                }
                for (var p : pending) {
                    assertThat(p.get().statusCode()).as(p.get().body()).isEqualTo(200);
                    answered++;
                }
            }
            assertThat(answered).isEqualTo(1000);
            for (String path : paths) {
                after.add(scenarios.get(path).body());
            }
        }
        assertThat(after).as("the cached documents, byte for byte").isEqualTo(documents);
        assertThat(dump(data)).as("every row of every table").isEqualTo(before);
    }

    /** Every row of every table of the server's database (closed), in a stable order. */
    private static String dump(Path data) throws Exception {
        StringBuilder out = new StringBuilder();
        try (var c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + data.resolve("ballast"), "sa", "");
             var tables = c.createStatement().executeQuery("SELECT table_name FROM information_schema.tables "
                     + "WHERE table_schema = 'PUBLIC' ORDER BY table_name")) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString(1));
            }
            assertThat(names).contains("OBSERVATION", "SCORE");
            for (String table : names) {
                try (var rows = c.createStatement().executeQuery("SELECT * FROM \"" + table + "\" ORDER BY 1")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        out.append(table);
                        for (int i = 1; i <= columns; i++) {
                            out.append('|').append(rows.getString(i));
                        }
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    @Test
    void aScenarioIsValidatedLikeObservations() {
        var unknownRegion = server.post("/api/v1/scenarios", "{\"observations\":[{\"region\":\"FRA\","
                + "\"series\":\"SL.UEM.1524.ZS\",\"period\":2024,\"value\":25}]}", null);
        assertThat(unknownRegion.statusCode()).isEqualTo(422);
        assertThat(unknownRegion.body()).contains("FRA");
        assertThat(server.post("/api/v1/scenarios", "not json", null).statusCode()).isEqualTo(400);
        var text = server.send(HttpRequest.newBuilder(server.uri("/api/v1/scenarios"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(SCENARIO)).build());
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void theRangesComeFromTheConfigAndFollowAReload(@TempDir Path own) throws Exception {
        Path file = own.resolve("ballast.yaml");
        Files.writeString(file, "uncertainty:\n  aggregations: [geometric, arithmetic]\n");
        try (TestServer reloading = TestServer.start(own.resolve("data"),
                Map.of("BALLAST_SERVER_RELOAD_CHECK_MS", "100"), Optional.of(file))) {
            double both = analysed(reloading, "CHN").at("/composite/band/p95").asDouble();

            Files.writeString(file, "uncertainty:\n  enabled: false\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> get(reloading, "/api/v1/scores/latest?region=CHN")
                    .at("/uncertainty/status").asText().equals("off"));
            JsonNode off = get(reloading, "/api/v1/scores/latest?region=CHN");
            assertThat(off.get("composite").has("band")).isFalse();
            assertThat(get(reloading, "/api/v1/sensitivity?region=CHN").get("status").asText()).isEqualTo("off");
            var scenario = reloading.post("/api/v1/scenarios", SCENARIO, null);
            assertThat(scenario.statusCode()).isEqualTo(200);
            JsonNode projected = JSON.readTree(scenario.body());
            assertThat(projected.has("samples")).as("no analysis, so no sample size").isFalse();
            assertThat(projected.at("/regions/0/projected/uncertainty/status").asText()).isEqualTo("off");
            assertThat(projected.at("/regions/0/projected/composite").has("band")).isFalse();

            Files.writeString(file, "uncertainty:\n  aggregations: [geometric]\n  indicator-weights: 0\n"
                    + "  input-weights: 0\n  goalposts: 0\n  carry-forward-years: [2]\n");
            JsonNode held = analysed(reloading, "CHN");
            JsonNode band = held.at("/composite/band");
            double plain = held.at("/composite/score").asDouble();
            assertThat(band.get("p5").asDouble()).as("every choice held: the band is the plain score")
                    .isCloseTo(plain, within(0.01));
            assertThat(band.get("p95").asDouble()).isCloseTo(plain, within(0.01));
            assertThat(both).isGreaterThan(band.get("p95").asDouble());
        }
    }
}
