package io.ballast.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that take and never give back: streams that never read, and slowloris clients that open connections and
 * send half a request or go quiet after one. The server drops what it must and keeps answering everyone else.
 */
class HostileClientsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void aStreamThatNeverReadsIsDroppedOnceItsQueueIsFull() throws Exception {
        try (TestServer server = TestServer.start(dataDir, Map.of("BALLAST_STREAM_MAX_QUEUED_BYTES", "1024",
                "BALLAST_SERVER_SEND_BUFFER_BYTES", "4096",
                "BALLAST_SECURITY_WRITES_PER_MINUTE", "100000"));
             RawHttp stalled = RawHttp.connect(server.ballast().port(), "127.0.0.2", 1024)) {
            assertThat(stalled.send("GET /api/v1/stream?region=CHN HTTP/1.1\r\nHost: x\r\n\r\n")
                    .readUntil("retry:", 10_000)).contains("retry:");
            await().atMost(Duration.ofSeconds(10)).until(() -> openStreams(server) == 1);
            AtomicInteger value = new AtomicInteger();
            // every observation moves CHN's scores: an event to the stalled stream, until its queue is full
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
                server.post("/api/v1/observations", "{\"observations\":[{\"region\":\"CHN\",\"series\":"
                        + "\"SL.UEM.TOTL.ZS\",\"period\":2024,\"value\":" + (3 + value.incrementAndGet() % 50 / 10.0)
                        + "}]}");
                return openStreams(server) == 0;
            });
            // really closed, not just forgotten: the client reads what was sent, then the end of the connection
            assertThat(stalled.readToClose(30_000).closed()).isTrue();
        }
    }

    @Test
    void twoSlowlorisClientsAndAThousandStalledStreamsLeaveHealthReadsAndNewStreamsAnswering() throws Exception {
        try (TestServer server = TestServer.start(dataDir, Map.of("BALLAST_SERVER_HEADER_TIMEOUT_MS", "1000",
                "BALLAST_SERVER_MAX_CONNECTIONS_PER_ADDRESS", "1000"))) {
            int port = server.ballast().port();
            List<RawHttp> stalled = new ArrayList<>();
            AtomicBoolean attacking = new AtomicBoolean(true);
            List<Thread> slowloris = List.of(
                    slowloris(port, "127.0.0.5", "GET /health/live HTTP/1.1\r\nHost: x\r\nX-a: ", attacking),
                    slowloris(port, "127.0.0.6", "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n", attacking));
            try {
                for (int i = 0; i < 1000; i++) {
                    stalled.add(RawHttp.connect(port, "127.0.0.2", 4096)
                            .send("GET /api/v1/stream?region=CHN HTTP/1.1\r\nHost: x\r\n\r\n"));
                }
                slowloris.forEach(Thread::start);
                await().atMost(Duration.ofSeconds(60)).until(() -> openStreams(server) == 1000);
                for (int round = 0; round < 3; round++) {
                    long started = System.nanoTime();
                    assertThat(timed(server, "/health/live").statusCode()).isEqualTo(200);
                    assertThat(timed(server, "/api/v1/scores/latest?region=USA").statusCode()).isEqualTo(200);
                    assertThat(timed(server, "/api/v1/series/SL.UEM.TOTL.ZS?region=DEU").statusCode())
                            .isEqualTo(200);
                    try (RawHttp fresh = RawHttp.connect(port)) {
                        assertThat(fresh.send("GET /api/v1/stream?region=JPN HTTP/1.1\r\nHost: x\r\n\r\n")
                                .readUntil("data: {", 10_000)).contains("data: {");
                    }
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
                }
                // the slowloris connections are being closed, not just outlived
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(server.get("/metrics").body())
                        .containsPattern("ballast_http_connections_closed_total\\{reason=\"header-timeout\"} [1-9]"));
            } finally {
                attacking.set(false);
                for (Thread t : slowloris) {
                    t.join(30_000);
                }
                stalled.forEach(RawHttp::close);
            }
        }
    }

    /**
     * Opens connections from {@code address}, up to 1,200 held at once (beyond the cap of 1,000), each sending
     * {@code opening} and then nothing; as the server closes them, new ones take their place.
     */
    private static Thread slowloris(int port, String address, String opening, AtomicBoolean attacking) {
        return new Thread(() -> {
            List<RawHttp> held = new ArrayList<>();
            try {
                while (attacking.get()) {
                    if (held.size() >= 1200) {
                        held.remove(0).close(); // keep a steady stream of new connections
                    }
                    RawHttp connection = null;
                    try {
                        connection = RawHttp.connect(port, address);
                        held.add(connection.send(opening));
                        pause(); // slow, as slowloris is: a thousand connections a second at most, not a flood
                    } catch (RuntimeException e) { // refused or reset (beyond the cap): try again
                        if (connection != null) {
                            connection.close();
                        }
                        pause();
                    }
                }
            } finally {
                held.forEach(RawHttp::close);
            }
        }, "slowloris-" + address);
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static HttpResponse<String> timed(TestServer server, String path) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10)).build());
    }

    private static int openStreams(TestServer server) throws Exception {
        return JSON.readTree(server.get("/health/ready").body()).path("checks").path("streams").asInt(-1);
    }
}
