package io.ballast.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link ScoreEvents#written()} completes once every stream endpoint's event loop has handled the events published
 * before it: each endpoint writes an event to its streams in one task of its loop, queued when the event is
 * published, so a task queued on each loop after it runs once that is done.
 */
class WrittenTest {

    /** A verticle with a stream endpoint, and a consumer on the same loop that takes its time and notes when done. */
    private static final class Endpoint extends VerticleBase {
        private final ScoreEvents events;
        private final List<Long> handled;
        private StreamEndpoint endpoint;

        Endpoint(ScoreEvents events, List<Long> handled) {
            this.events = events;
            this.handled = handled;
        }

        @Override
        public Future<?> start() {
            endpoint = new StreamEndpoint(vertx, events, new StreamGate(10), 16, 15, 1 << 20);
            return vertx.eventBus().<ScoreEvent>localConsumer(ScoreEvents.ADDRESS, message -> {
                try {
                    Thread.sleep(150); // a long broadcast
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                handled.add(System.nanoTime());
            }).completion();
        }

        @Override
        public Future<?> stop() {
            endpoint.close();
            return Future.succeededFuture();
        }
    }

    @Test
    void writtenCompletesAfterEveryEndpointHandledTheEvent() throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        try {
            ScoreEvents events = new ScoreEvents(vertx);
            List<Long> handled = new CopyOnWriteArrayList<>();
            vertx.deployVerticle(() -> new Endpoint(events, handled), new DeploymentOptions().setInstances(2)).await();

            events.publish("CHN", "score", Buffer.buffer("{}"));
            events.written().toCompletableFuture().get(10, TimeUnit.SECONDS);
            long written = System.nanoTime();

            assertThat(handled).hasSize(2).allSatisfy(at -> assertThat(at).isLessThanOrEqualTo(written));
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void withoutEndpointsWrittenIsDoneAtOnce() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            ScoreEvents events = new ScoreEvents(vertx);
            events.publish("CHN", "score", Buffer.buffer("{}"));
            events.written().toCompletableFuture().get(1, TimeUnit.SECONDS);
        } finally {
            vertx.close().await();
        }
    }
}
