package io.ballast.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ballast.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every cached JSON document carries an ETag, and a client that holds its version gets 304 without the body. */
class ConditionalRequestsTest {

    private static final String LATEST = "/api/v1/scores/latest?region=CHN";

    @TempDir
    static Path dataDir;

    static TestServer server;

    @BeforeAll
    static void start() {
        // without the uncertainty analysis, whose bands would change the documents while a test compares them
        server = TestServer.start(dataDir, Map.of("BALLAST_UNCERTAINTY_ENABLED", "false"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path, String ifNoneMatch) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("If-None-Match", ifNoneMatch).GET()
                .build());
    }

    private static String etag(HttpResponse<String> r) {
        return r.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag on " + r.uri()));
    }

    @ParameterizedTest
    @ValueSource(strings = {LATEST, "/api/v1/scores/history?region=CHN", "/api/v1/scores/ranking",
            "/api/v1/series/BX.KLT.DINV.WD.GD.ZS?region=CHN"})
    void aDocumentTheClientHoldsIsAnswered304WithItsTagAndWithoutABody(String path) {
        HttpResponse<String> first = server.get(path);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(etag(first)).matches("\"[0-9a-f]{32}\"").isEqualTo(EntityTags.of(first.body()
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(first.headers().firstValue("Content-Length")).hasValue(Integer.toString(first.body()
                .getBytes(StandardCharsets.UTF_8).length));

        HttpResponse<String> again = get(path, etag(first));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(etag(again)).isEqualTo(etag(first));
        assertThat(again.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(again.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(again.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void weakTagsListsAndTheStarMatchToo() {
        String tag = etag(server.get(LATEST));
        assertThat(get(LATEST, "W/" + tag).statusCode()).isEqualTo(304);
        assertThat(get(LATEST, "\"other\", " + tag).statusCode()).isEqualTo(304);
        assertThat(get(LATEST, "W/\"other\",W/" + tag).statusCode()).isEqualTo(304);
        assertThat(get(LATEST, "*").statusCode()).isEqualTo(304);
    }

    @Test
    void anotherTagGetsTheWholeDocument() {
        HttpResponse<String> r = get(LATEST, "\"0123456789abcdef0123456789abcdef\"");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body()).contains("\"region\":\"CHN\"");
    }

    @Test
    void aMissingDocumentIsStillAProblemWhateverTheClientHolds() {
        HttpResponse<String> r = get("/api/v1/scores/latest?region=XXX", "*");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aChangedDocumentGetsANewTagAndTheOldTagGetsTheNewDocument() {
        HttpResponse<String> before = server.get(LATEST);
        String old = etag(before);
        assertThat(server.post("/api/v1/observations", "{\"observations\":[{\"region\":\"CHN\",\"series\":"
                + "\"SL.UEM.TOTL.ZS\",\"period\":2024,\"value\":9.9}]}").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !etag(server.get(LATEST)).equals(old));
        HttpResponse<String> after = get(LATEST, old);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isNotEqualTo(before.body());
        assertThat(etag(after)).isNotEqualTo(old).isEqualTo(EntityTags.of(after.body()
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(get(LATEST, etag(after)).statusCode()).isEqualTo(304);
    }
}
