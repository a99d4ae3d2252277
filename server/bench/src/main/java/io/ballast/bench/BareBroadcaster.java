package io.ballast.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The fan-out baseline: bare Vert.x sending Server-Sent Events, laid out like Ballast's streams (as many event loops
 * and instances, a subscriber set per instance, one event-bus publish per event) but with nothing else: no stream
 * cap, no replay, no heartbeats, no router. {@code GET /stream} writes the preamble and the snapshot frame (the
 * EVENT_FILE bytes, a complete SSE frame); {@code POST /publish} answers and then sends that frame to every
 * subscriber. {@code java -cp benchmarks.jar io.ballast.bench.BareBroadcaster PORT EVENT_FILE}.
 */
public final class BareBroadcaster extends VerticleBase {

    private static final String ADDRESS = "bare.frames";
    private static final Buffer PREAMBLE = Buffer.buffer("retry: 2000\n\n");

    private final int port;
    private final Buffer frame;
    /** Only touched on this instance's event loop, so a plain set is enough (as in Ballast). */
    private final Set<HttpServerResponse> subscribers = new HashSet<>();

    private BareBroadcaster(int port, Buffer frame) {
        this.port = port;
        this.frame = frame;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Buffer frame = Buffer.buffer(Files.readAllBytes(Path.of(args[1])));
        int loops = 2 * Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        vertx.deployVerticle(() -> new BareBroadcaster(port, frame), new DeploymentOptions().setInstances(loops))
                .await();
        System.out.println("bare broadcaster ready on " + port);
    }

    @Override
    public Future<?> start() {
        // The default Buffer codec copies the frame once per consumer, i.e. once per instance, not per subscriber:
        // within an instance every subscriber is written the same Buffer, which is what Ballast does too.
        vertx.eventBus().<Buffer>consumer(ADDRESS, message -> {
            Buffer event = message.body();
            for (HttpServerResponse subscriber : subscribers) {
                subscriber.write(event);
            }
        });
        return vertx.createHttpServer().requestHandler(this::handle).listen(port);
    }

    private void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        switch (request.path()) {
            case "/health/ready" -> response.end();
            case "/stream" -> {
                response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8");
                response.closeHandler(v -> subscribers.remove(response));
                response.write(PREAMBLE);
                response.write(frame);
                subscribers.add(response);
            }
            case "/publish" -> {
                // Answer first, as Ballast acknowledges an ingest before its rescoring publishes the event.
                response.putHeader("Content-Type", "application/json").end("{}");
                vertx.eventBus().publish(ADDRESS, frame);
            }
            default -> response.setStatusCode(404).end();
        }
    }
}
