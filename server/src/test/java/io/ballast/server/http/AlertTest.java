package io.ballast.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.ballast.server.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alert rules from config fire on new scores: in the latest document, and POSTed to a webhook with retries. */
class AlertTest {

    @TempDir
    Path dataDir;

    @Test
    void aNewAlertShowsInTheScoresAndReachesTheWebhookAfterARetry() throws IOException {
        List<String> bodies = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = calls.incrementAndGet() == 1 ? 500 : 204; // the first delivery fails
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        try (TestServer server = TestServer.start(dataDir, Map.of(
                "BALLAST_ALERTS_WEBHOOK_URL", url,
                "BALLAST_ALERTS_RULES", "[{name: fdi-low, indicator: foreign-investment, below: 5}]"))) {
            assertThat(server.get("/api/v1/scores/latest?region=USA").body()).doesNotContain("fdi-low");
            // three years of net disinvestment: the 3-year mean and its direction both bottom out
            server.post("/api/v1/observations", "{\"observations\":["
                    + "{\"region\":\"USA\",\"series\":\"BX.KLT.DINV.WD.GD.ZS\",\"period\":2022,\"value\":-1},"
                    + "{\"region\":\"USA\",\"series\":\"BX.KLT.DINV.WD.GD.ZS\",\"period\":2023,\"value\":-1},"
                    + "{\"region\":\"USA\",\"series\":\"BX.KLT.DINV.WD.GD.ZS\",\"period\":2024,\"value\":-1}]}");
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    server.get("/api/v1/scores/latest?region=USA").body().contains("\"rule\":\"fdi-low\""));
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 2);
            assertThat(bodies).hasSize(2).allSatisfy(b -> assertThat(b).contains("\"alerts\"", "\"fdi-low\"",
                    "\"region\":\"USA\"", "foreign-investment"));
        } finally {
            receiver.stop(0);
        }
    }
}
