package io.ballast.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.stream.StreamGate;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests for handlers that need the database, while it still opens (a start from a score snapshot): they wait and
 * are answered once it is open, or 503 if it never opens; readiness says the database is opening meanwhile.
 */
class DeferredTest {

    private final Vertx vertx = Vertx.vertx();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final Promise<String> database = Promise.promise();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    private int serve(Router router) {
        router.route().failureHandler(new ProblemHandler(json));
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).await();
        return server.actualPort();
    }

    private CompletableFuture<HttpResponse<String>> get(int port, String path) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestWaitsForTheDatabaseAndIsAnsweredOnceItIsOpen() throws Exception {
        Router router = Router.router(vertx);
        router.get("/stored").handler(new Deferred<>(database.future()).handler(name -> ctx ->
                ctx.response().end("answered by " + name)));
        int port = serve(router);

        CompletableFuture<HttpResponse<String>> waiting = get(port, "/stored");
        Thread.sleep(300);
        assertThat(waiting).as("not answered while the database opens").isNotDone();
        database.complete("the store");
        HttpResponse<String> answer = waiting.get(5, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("answered by the store");
        assertThat(get(port, "/stored").get(5, TimeUnit.SECONDS).body()).isEqualTo("answered by the store");
    }

    @Test
    void aDatabaseThatNeverOpensAnswersWaitingAndLaterRequestsWith503() throws Exception {
        Router router = Router.router(vertx);
        router.get("/stored").handler(new Deferred<>(database.future()).handler(name -> ctx ->
                ctx.response().end(name)));
        int port = serve(router);

        CompletableFuture<HttpResponse<String>> waiting = get(port, "/stored");
        Thread.sleep(200);
        database.fail("disk full");
        for (HttpResponse<String> answer : new HttpResponse[] {waiting.get(5, TimeUnit.SECONDS),
                get(port, "/stored").get(5, TimeUnit.SECONDS)}) {
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(answer.body()).contains("/health/ready");
        }
    }

    @Test
    void readinessIsUpWhileTheDatabaseOpensAndSaysSoThenDownIfItNeverOpens() throws Exception {
        PluginHost host = new PluginHost(id -> true);
        host.discover(DeferredTest.class.getClassLoader(), "classpath");
        Promise<HealthHandlers.Backend> backend = Promise.promise();
        var health = new HealthHandlers(new Deferred<>(backend.future()), host, new Measurer(host,
                Duration.ofSeconds(5)), new StreamGate(10), json, Map::of);
        Router router = Router.router(vertx);
        router.get("/health/ready").handler(health::ready);
        int port = serve(router);

        HttpResponse<String> opening = get(port, "/health/ready").get(10, TimeUnit.SECONDS);
        assertThat(opening.statusCode()).isEqualTo(200);
        var body = json.readTree(opening.body());
        assertThat(body.at("/checks/database").asText()).isEqualTo("OPENING");
        assertThat(body.at("/checks/scoring/from").asText()).isEqualTo("snapshot");

        backend.fail("the H2 file is locked by another process");
        HttpResponse<String> failed = get(port, "/health/ready").get(10, TimeUnit.SECONDS);
        assertThat(failed.statusCode()).isEqualTo(503);
        body = json.readTree(failed.body());
        assertThat(body.at("/checks/database").asText()).isEqualTo("DOWN");
        assertThat(body.at("/checks/databaseReason").asText()).contains("locked by another process");
    }
}
