package io.ballast.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Events numbered on different threads at once (a scoring worker's new scores, an HTTP worker's event annotation)
 * reach the streams in id order. A stream skips an event whose id is not above the last one it sent (it had it as
 * its snapshot), so an event overtaken by a later-numbered one would never reach it.
 */
class EventOrderTest {

    @Test
    void eventsNumberedConcurrentlyAreDeliveredInIdOrder() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            ScoreEvents events = new ScoreEvents(vertx);
            List<Long> received = new CopyOnWriteArrayList<>();
            vertx.eventBus().<ScoreEvent>localConsumer(ScoreEvents.ADDRESS, m -> received.add(m.body().sequence()))
                    .completion().await();
            int threads = 4;
            int each = 2_000;
            Buffer data = Buffer.buffer("{\"region\":\"IND\",\"composite\":" + "1".repeat(4_000) + "}");
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread sender = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < each; i++) {
                        events.announce("IND", "event", data);
                    }
                });
                sender.start();
                senders.add(sender);
            }
            go.countDown();
            for (Thread sender : senders) {
                sender.join();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == threads * each);
            assertThat(received).isSorted().doesNotHaveDuplicates();
        } finally {
            vertx.close().await();
        }
    }
}
