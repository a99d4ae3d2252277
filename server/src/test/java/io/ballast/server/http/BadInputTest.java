package io.ballast.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad requests are answered 4xx with problem+json and a detail, and store nothing. */
class BadInputTest {

    @TempDir
    static Path dataDir;

    static TestServer server;
    static String seriesBefore;
    static final ObjectMapper JSON = new ObjectMapper();
    static final String GOOD_ITEM = "{\"region\":\"CHN\",\"series\":\"SL.UEM.TOTL.ZS\",\"period\":2024,\"value\":4.6}";

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        seriesBefore = server.get("/api/v1/series/SL.UEM.TOTL.ZS?region=CHN").body();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> badBatches() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"observations\": [", 400),
                Arguments.of("not an object", "[1, 2]", 400),
                Arguments.of("empty body", "", 400),
                Arguments.of("trailing garbage", "{\"observations\": []} x", 400),
                Arguments.of("observations not an array", "{\"observations\": {}}", 400),
                Arguments.of("unknown top-level field", "{\"observations\": [" + GOOD_ITEM + "], \"x\": 1}", 400),
                Arguments.of("NaN literal", "{\"observations\":[{\"region\":\"CHN\",\"series\":\"SL.UEM.TOTL.ZS\","
                        + "\"period\":2024,\"value\":NaN}]}", 400),
                Arguments.of("empty batch", "{\"observations\": []}", 422),
                Arguments.of("value as text", item("\"value\":\"4.6\""), 422),
                Arguments.of("value NaN as text", item("\"value\":\"NaN\""), 422),
                Arguments.of("value null", item("\"value\":null"), 422),
                Arguments.of("value overflowing to infinity", item("\"value\":1e999"), 422),
                Arguments.of("period as text", item("\"period\":\"2024\""), 422),
                Arguments.of("period fractional", item("\"period\":2024.5"), 422),
                Arguments.of("period out of range", item("\"period\":1066"), 422),
                Arguments.of("region unknown", item("\"region\":\"XXX\""), 422),
                Arguments.of("region as number", item("\"region\":156"), 422),
                Arguments.of("series unknown", item("\"series\":\"NOT.A.SERIES\""), 422),
                Arguments.of("series missing", "{\"observations\":[{\"region\":\"CHN\",\"period\":2024,"
                        + "\"value\":1}]}", 422),
                Arguments.of("unknown item field", item("\"colour\":\"red\""), 422),
                Arguments.of("one good item and one bad item", "{\"observations\":[" + GOOD_ITEM + ","
                        + "{\"region\":\"CHN\",\"series\":\"SL.UEM.TOTL.ZS\",\"period\":2023,\"value\":\"x\"}]}", 422),
                // body-level: unreadable or the wrong shape (400)
                Arguments.of("JSON null", "null", 400),
                Arguments.of("a bare string", "\"observations\"", 400),
                Arguments.of("observations null", "{\"observations\": null}", 400),
                Arguments.of("duplicate key", "{\"observations\": [" + GOOD_ITEM + "], \"observations\": []}", 400),
                Arguments.of("nested 5000 deep", "[".repeat(5000) + "]".repeat(5000), 400),
                Arguments.of("number with a leading zero", item("\"period\":02024"), 400),
                Arguments.of("Infinity literal", item("\"value\":Infinity"), 400),
                Arguments.of("comment", "{\"observations\": [/* one */" + GOOD_ITEM + "]}", 400),
                Arguments.of("single quotes", "{'observations': []}", 400),
                // item-level: readable but wrong, each named by index (422)
                Arguments.of("item a number", "{\"observations\":[42]}", 422),
                Arguments.of("item null", "{\"observations\":[null]}", 422),
                Arguments.of("region not a code", item("\"region\":\"C4N\""), 422),
                Arguments.of("region empty", item("\"region\":\"\""), 422),
                Arguments.of("period negative", item("\"period\":-2024"), 422),
                Arguments.of("period missing", "{\"observations\":[{\"region\":\"CHN\",\"series\":\"SL.UEM.TOTL.ZS\","
                        + "\"value\":4.6}]}", 422),
                Arguments.of("value boolean", item("\"value\":true"), 422),
                Arguments.of("value array", item("\"value\":[4.6]"), 422),
                Arguments.of("source a number", item("\"source\":42"), 422),
                Arguments.of("source over 1000 characters", item("\"source\":\"" + "s".repeat(1001) + "\""), 422),
                Arguments.of("vintage a number", item("\"vintage\":20260408"), 422),
                Arguments.of("vintage an object", item("\"vintage\":{\"date\":\"2026-04-08\"}"), 422),
                Arguments.of("vintage over 200 characters", item("\"vintage\":\"" + "v".repeat(201) + "\""), 422),
                Arguments.of("batch over ingest.max-batch", overMaxBatch(), 422),
                Arguments.of("body over server.max-body-bytes", "{\"observations\":[" + GOOD_ITEM + ",\""
                        + "x".repeat(4_300_000) + "\"]}", 413));
    }

    /** 10,001 good observations: one more than the default ingest.max-batch. */
    static String overMaxBatch() {
        StringBuilder body = new StringBuilder("{\"observations\":[");
        for (int i = 0; i <= 10_000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"region\":\"CHN\",\"series\":\"SL.UEM.TOTL.ZS\",\"period\":")
                    .append(1900 + i % 200).append(",\"value\":").append(i).append('}');
        }
        return body.append("]}").toString();
    }

    /** One observation with one field replaced or added. */
    static String item(String field) {
        String name = field.substring(0, field.indexOf(':'));
        String base = GOOD_ITEM.replaceAll(",?" + java.util.regex.Pattern.quote(name) + ":[^,}]*", "");
        base = base.replace("{,", "{");
        return "{\"observations\":[" + base.substring(0, base.length() - 1) + "," + field + "}]}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBatches")
    void aBadBatchIsRefusedWithAProblemAndStoresNothing(String name, String body, int status) {
        HttpResponse<String> r = server.post("/api/v1/observations", body);
        assertProblem(r, status);
        assertThat(server.get("/api/v1/series/SL.UEM.TOTL.ZS?region=CHN").body()).isEqualTo(seriesBefore);
    }

    @Test
    void theErrorsOfABatchNameEachBadItemByIndex() throws Exception {
        HttpResponse<String> r = server.post("/api/v1/observations", "{\"observations\":[" + GOOD_ITEM + ","
                + "{\"region\":\"CHN\",\"series\":\"SL.UEM.TOTL.ZS\",\"period\":2023,\"value\":\"x\"}]}");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("errors").toString()).contains("observations[1].value");
        assertThat(problem.get("detail").asText()).contains("nothing was stored");
    }

    @Test
    void withoutATokenTheIngestEndpointAnswers401() {
        assertProblem(server.post("/api/v1/observations", "{\"observations\":[" + GOOD_ITEM + "]}", null), 401);
    }

    @Test
    void aWrongTokenIsAnswered401() {
        assertProblem(server.post("/api/v1/observations", "{\"observations\":[" + GOOD_ITEM + "]}", "wrong"), 401);
    }

    @Test
    void aNonJsonContentTypeIsAnswered415() {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/api/v1/observations"))
                .header("Authorization", "Bearer " + TestServer.TOKEN)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"observations\":[" + GOOD_ITEM + "]}")).build());
        assertProblem(r, 415);
    }

    @Test
    void anUnknownRegionIsAnswered404EverywhereARegionIsRead() {
        assertProblem(server.get("/api/v1/scores/latest?region=ATL"), 404);
        assertProblem(server.get("/api/v1/scores/history?region=ATL"), 404);
        assertProblem(server.get("/api/v1/series/SL.UEM.TOTL.ZS?region=ATL"), 404);
        assertProblem(server.get("/api/v1/stream?region=ATL"), 404);
    }

    @Test
    void badHistoryParametersAreAnswered4xx() {
        assertProblem(server.get("/api/v1/scores/history?region=CHN&from=abc"), 400);
        assertProblem(server.get("/api/v1/scores/history?region=CHN&from=2020&to=2010"), 400);
        assertProblem(server.get("/api/v1/scores/history?region=CHN&indicator=nope"), 404);
    }

    @Test
    void anUnknownSeriesOrPathIsAnswered404() {
        assertProblem(server.get("/api/v1/series/NOT.A.SERIES?region=CHN"), 404);
        assertProblem(server.get("/api/v1/nothing-here"), 404);
    }

    @Test
    void aWrongMethodIsAnswered405() {
        assertProblem(server.send(HttpRequest.newBuilder(server.uri("/api/v1/indicators"))
                .DELETE().build()), 405);
    }

    static void assertProblem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        try {
            JsonNode problem = JSON.readTree(r.body());
            assertThat(problem.get("status").asInt()).isEqualTo(status);
            assertThat(problem.get("title").asText()).isNotBlank();
            assertThat(problem.get("detail").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        } catch (Exception e) {
            throw new AssertionError("not a problem document: " + r.body(), e);
        }
    }
}
