package io.ballast.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.server.stream.ScoreEvent;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResequencerTest {

    private static Resequencer.Arrival event(long id) {
        return new Resequencer.Arrival(new ScoreEvent("DEU", id, Buffer.buffer("id: " + id)), true);
    }

    private static List<Long> ids(List<Resequencer.Arrival> arrivals) {
        return arrivals.stream().map(a -> a.event().sequence()).toList();
    }

    @Test
    void eventsArrivingCrossedAreReleasedInIdOrder() {
        Resequencer order = new Resequencer(500);
        assertThat(order.startAt(10, 0)).isEmpty();
        assertThat(ids(order.offer(event(11), 1))).isEmpty();
        assertThat(ids(order.offer(event(12), 2))).isEmpty();
        assertThat(ids(order.offer(event(10), 3))).containsExactly(10L, 11L, 12L);
        assertThat(order.waiting()).isZero();
    }

    @Test
    void everythingIsHeldUntilTheStartIsKnownThenReleasedFromIt() {
        Resequencer order = new Resequencer(500);
        assertThat(order.offer(event(7), 0)).isEmpty();
        assertThat(order.offer(event(5), 0)).isEmpty();
        assertThat(ids(order.startAt(6, 1))).containsExactly(5L);
        assertThat(ids(order.offer(event(6), 2))).containsExactly(6L, 7L);
    }

    @Test
    void aHoleLeftByADeadSenderIsSkippedOnceThePatienceRunsOut() {
        Resequencer order = new Resequencer(500);
        order.startAt(1, 0);
        assertThat(ids(order.offer(event(1), 0))).containsExactly(1L);
        assertThat(order.offer(event(3), 100)).isEmpty();
        assertThat(order.expire(599)).isEmpty();
        assertThat(ids(order.expire(600))).containsExactly(3L);
        assertThat(ids(order.offer(event(4), 700))).containsExactly(4L);
    }

    @Test
    void anEventOlderThanThoseReleasedGoesOutAtOnce() {
        Resequencer order = new Resequencer(500);
        order.startAt(1, 0);
        order.offer(event(3), 0);
        order.expire(1000);
        assertThat(ids(order.offer(event(2), 1001))).containsExactly(2L);
    }
}
