package io.ballast.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ballast.server.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What a hostile or broken client can do to a connection: hold it with half a request or an idle keep-alive, open
 * too many, send what is not HTTP, or a path that cannot be decoded. Each is answered as a problem with the security
 * headers (when an answer is possible) and closed, and none logs an error.
 */
class HttpHardeningTest {

    private static final int HEADER_TIMEOUT_MS = 600;
    private static final int CAP = 12;

    @TempDir
    static Path dataDir;

    static TestServer server;
    static int port;
    static ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir, Map.of("BALLAST_SERVER_HEADER_TIMEOUT_MS", "" + HEADER_TIMEOUT_MS,
                "BALLAST_SERVER_MAX_CONNECTIONS_PER_ADDRESS", "" + CAP));
        port = server.ballast().port();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        server.close();
    }

    @Test
    void aClientThatSendsHalfItsHeadersIsClosedAfterTheHeaderTimeout() {
        try (RawHttp client = RawHttp.connect(port, "127.0.0.3")) {
            client.send("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            RawHttp.Reply reply = client.readToClose(HEADER_TIMEOUT_MS * 8);
            assertThat(reply.closed()).as("closed by the server").isTrue();
            assertThat(reply.text()).isEmpty();
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheHeaderTimeout() {
        try (RawHttp client = RawHttp.connect(port, "127.0.0.3")) {
            assertThat(client.readToClose(HEADER_TIMEOUT_MS * 8).closed()).isTrue();
        }
    }

    @Test
    void aKeepAliveConnectionLeftIdleAfterItsAnswerIsClosedAfterTheHeaderTimeout() {
        try (RawHttp client = RawHttp.connect(port, "127.0.0.3")) {
            client.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Reply reply = client.readToClose(HEADER_TIMEOUT_MS * 8);
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.closed()).as("closed once idle past the header timeout").isTrue();
        }
    }

    @Test
    void oneAddressHoldsAtMostItsCapOfConnectionsAndGetsPlacesBackAsTheyClose() {
        List<RawHttp> held = new ArrayList<>();
        try {
            for (int i = 0; i < CAP; i++) {
                // a stream each: a request in progress, so the header deadline leaves them open; its first bytes
                // show the server has counted the connection
                RawHttp stream = RawHttp.connect(port, "127.0.0.4");
                held.add(stream);
                assertThat(stream.send("GET /api/v1/stream?region=CHN HTTP/1.1\r\nHost: x\r\n\r\n")
                        .readUntil("retry:", 10_000)).contains("retry:");
            }
            try (RawHttp extra = RawHttp.connect(port, "127.0.0.4")) {
                RawHttp.Reply reply = extra.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n").readToClose(5000);
                assertThat(reply.closed()).isTrue();
                assertThat(reply.text()).as("no answer beyond the cap").isEmpty();
            }
            // another address is not affected
            assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
        } finally {
            held.forEach(RawHttp::close);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            try (RawHttp again = RawHttp.connect(port, "127.0.0.4")) {
                RawHttp.Reply reply = again.send("GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        .readToClose(5000);
                assertThat(reply.status()).isEqualTo(200);
            }
        });
    }

    @Test
    void aRequestWithoutHostIsAProblem400NotA500() {
        RawHttp.Reply reply = exchange("GET /api/v1/regions HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertProblem(reply, 400, "Host");
    }

    @Test
    void brokenPercentEscapesInThePathOrQueryAreAProblem400() {
        assertProblem(exchange("GET /api/v1/regions%zz HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "%25");
        assertProblem(exchange("GET /api/v1/scores/latest?region=%G1 HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "%25");
        assertProblem(exchange("GET /index.html% HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "%25");
    }

    @Test
    void aRequestLineTooLongIsAProblem414() {
        assertProblem(exchange("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414, "shorten");
    }

    @Test
    void headersTooLargeAreAProblem431() {
        assertProblem(exchange("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(10_000) + "\r\n\r\n"), 431,
                "headers");
    }

    @Test
    void somethingThatIsNotHttpIsAProblem400() {
        assertProblem(exchange("HELLO THERE\r\n\r\n"), 400, "HTTP");
    }

    @Test
    void aBadChunkSizeIsNeitherLoggedAsAnsweredNorAsAnError() {
        int before = logs.list.size();
        RawHttp.Reply reply = exchange("POST /api/v1/observations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + TestServer.TOKEN + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\n{}\r\n0\r\n\r\n");
        assertThat(reply.closed()).isTrue();
        assertThat(reply.status()).as("answered 400 while the connection still is there, or closed unanswered")
                .isIn(-1, 400);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> snapshot(before)
                .stream().anyMatch(e -> e.getFormattedMessage().contains("could not be read")));
        List<ILoggingEvent> lines = snapshot(before);
        assertThat(lines).noneMatch(e -> e.getLevel() == Level.ERROR);
        assertThat(lines).noneMatch(e -> e.getFormattedMessage().startsWith("POST /api/v1/observations 200"));
    }

    @Test
    void staticFilesLeaveNoRequestActiveInTheMetrics() {
        double before = activeGets();
        for (int i = 0; i < 5; i++) {
            assertThat(server.get("/").statusCode()).isEqualTo(200);
            assertThat(server.get("/app.js").statusCode()).isEqualTo(200);
            assertThat(server.get("/webjars/chart.js/4.5.1/dist/chart.umd.js").statusCode()).isEqualTo(200);
        }
        assertThat(activeGets()).isEqualTo(before);
    }

    @Test
    void staticFilesAreRevalidatedByTheirETag() {
        var first = server.get("/app.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        var again = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/app.js"))
                .header("If-None-Match", etag).build());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("text/javascript;charset=UTF-8");
        assertThat(server.get("/../pom.xml").statusCode()).isEqualTo(404);
        assertThat(server.get("/vendor/").statusCode()).isEqualTo(404);
    }

    @Test
    void regionCodesAreExactlyThreeAsciiLetters() {
        assertThat(server.get("/api/v1/scores/latest?region=chn").statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/scores/latest?region=CHN%0A").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/scores/latest?region=%20CHN").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/scores/latest?region=%C4%B1nd").statusCode()).isEqualTo(404); // dotless ı
        var ingest = server.post("/api/v1/observations", "{\"observations\":[{\"region\":\"CHN\\n\",\"series\":"
                + "\"SL.UEM.TOTL.ZS\",\"period\":2024,\"value\":4.6}]}");
        assertThat(ingest.statusCode()).isEqualTo(422);
        var dotless = server.post("/api/v1/observations", "{\"observations\":[{\"region\":\"\u0131nd\",\"series\":"
                + "\"SL.UEM.TOTL.ZS\",\"period\":2024,\"value\":4.6}]}");
        assertThat(dotless.statusCode()).isEqualTo(422);
    }

    private static List<ILoggingEvent> snapshot(int from) {
        synchronized (logs) {
            return List.copyOf(logs.list.subList(Math.min(from, logs.list.size()), logs.list.size()));
        }
    }

    private static double activeGets() {
        Matcher m = Pattern.compile("(?m)^vertx_http_server_active_requests\\{method=\"GET\"} ([0-9.eE+-]+)$")
                .matcher(server.get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static RawHttp.Reply exchange(String request) {
        try (RawHttp client = RawHttp.connect(port)) {
            return client.send(request).readToClose(5000);
        }
    }

    private static void assertProblem(RawHttp.Reply reply, int status, String detail) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.hasHeader("Content-Type", "application/problem+json")).as(reply.text()).isTrue();
        assertThat(reply.hasHeader("X-Content-Type-Options", "nosniff")).as(reply.text()).isTrue();
        assertThat(reply.hasHeader("Content-Security-Policy", "default-src 'self'")).as(reply.text()).isTrue();
        assertThat(reply.body()).contains("\"status\":" + status).contains(detail);
        assertThat(reply.closed()).isTrue();
    }
}
