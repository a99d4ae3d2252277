package io.ballast.server.http;

import static io.ballast.server.http.BadInputTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secure by default: tokens with roles, body and rate limits, security headers, CORS off unless configured. */
class SecurityTest {

    @TempDir
    Path dataDir;

    static final String INGEST = "ingest-token-for-tests-0123";
    static final String READER = "reader-token-for-tests-4567";
    static final String BATCH = "{\"observations\":[{\"region\":\"CHN\",\"series\":\"SL.UEM.TOTL.ZS\",\"period\":2024,"
            + "\"value\":4.7}]}";

    static String sha256(String token) {
        return HexFormat.of().formatHex(Access.sha256(token));
    }

    @Test
    void theAuthMatrixAnswers401401And403AndTheRightTokensPass() {
        try (TestServer server = TestServer.start(dataDir, Map.of("BALLAST_INGEST_TOKEN", INGEST,
                "BALLAST_SECURITY_TOKENS", "[{name: reader, sha256: " + sha256(READER) + ", roles: [read]}]"))) {
            String admin = "/api/v1/admin/plugins/labor-conditions/disable";
            assertProblem(server.post(admin, "", null), 401);
            assertProblem(server.post(admin, "", "wrong-token"), 401);
            assertProblem(server.post(admin, "", INGEST), 403);
            assertProblem(server.post("/api/v1/observations", BATCH, READER), 403);
            assertThat(server.post("/api/v1/observations", BATCH, INGEST).statusCode()).isEqualTo(200);
            assertThat(server.post(admin, "", TestServer.TOKEN).statusCode()).isEqualTo(200);
            HttpResponse<String> noToken = server.post("/api/v1/observations", BATCH, null);
            assertThat(noToken.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                    assertThat(v).startsWith("Bearer"));
        }
    }

    @Test
    void anOversizedBodyIsAnswered413AndNothingIsStored() {
        try (TestServer server = TestServer.start(dataDir, Map.of("BALLAST_SERVER_MAX_BODY_BYTES", "2048"))) {
            String before = server.get("/api/v1/series/SL.UEM.TOTL.ZS?region=CHN").body();
            String big = "{\"observations\":[" + (BATCH.substring(17, BATCH.length() - 2) + ",").repeat(60)
                    + BATCH.substring(17, BATCH.length() - 2) + "]}";
            assertThat(big.length()).isGreaterThan(2048);
            assertProblem(server.post("/api/v1/observations", big), 413);
            assertThat(server.get("/api/v1/series/SL.UEM.TOTL.ZS?region=CHN").body()).isEqualTo(before);
        }
    }

    @Test
    void writesBeyondTheRateLimitAreAnswered429WithRetryAfter() {
        try (TestServer server = TestServer.start(dataDir, Map.of("BALLAST_SECURITY_WRITES_PER_MINUTE", "5"))) {
            for (int i = 0; i < 5; i++) {
                assertThat(server.post("/api/v1/observations", BATCH).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> limited = server.post("/api/v1/observations", BATCH);
            assertProblem(limited, 429);
            assertThat(limited.headers().firstValue("Retry-After").map(Integer::parseInt).orElse(0)).isBetween(1, 60);
            assertThat(server.get("/api/v1/regions").statusCode()).as("reads are not limited").isEqualTo(200);
        }
    }

    @Test
    void everyAnswerCarriesSecurityHeadersAndNoCorsUnlessConfigured() {
        try (TestServer server = TestServer.start(dataDir)) {
            HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/api/v1/regions"))
                    .header("Origin", "https://elsewhere.example").GET().build());
            assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline"));
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void configuredOriginsGetCorsAndProtectedReadsNeedAToken() {
        try (TestServer server = TestServer.start(dataDir, Map.of(
                "BALLAST_SECURITY_CORS_ORIGINS", "[https://newsroom.example]",
                "BALLAST_SECURITY_PROTECT_READS", "true",
                "BALLAST_SECURITY_TOKENS", "[{name: reader, sha256: " + sha256(READER) + ", roles: [read]}]"))) {
            assertProblem(server.get("/api/v1/regions"), 401);
            HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/api/v1/regions"))
                    .header("Origin", "https://newsroom.example").header("Authorization", "Bearer " + READER)
                    .GET().build());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://newsroom.example");
            assertThat(server.get("/health/live").statusCode()).as("health stays public").isEqualTo(200);
        }
    }
}
