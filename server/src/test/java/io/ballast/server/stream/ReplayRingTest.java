package io.ballast.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayRingTest {

    private static ScoreEvent event(long id) {
        return new ScoreEvent("FRA", id, Buffer.buffer("id: " + id));
    }

    private static List<Long> ids(List<ScoreEvent> events) {
        return events.stream().map(ScoreEvent::sequence).toList();
    }

    @Test
    void anEventNumberedEarlierButArrivingLaterTakesItsPlace() {
        ReplayRing ring = new ReplayRing(10, 0);
        ring.add(event(1));
        ring.add(event(3));
        ring.add(event(2));
        assertThat(ids(ring.after(0))).containsExactly(1L, 2L, 3L);
        assertThat(ids(ring.after(1))).containsExactly(2L, 3L);
    }

    @Test
    void theSameEventArrivingTwiceIsKeptOnce() {
        ReplayRing ring = new ReplayRing(10, 0);
        ring.add(event(1));
        ring.add(event(2));
        ring.add(event(1));
        ring.add(event(2));
        assertThat(ids(ring.after(0))).containsExactly(1L, 2L);
    }

    @Test
    void aFullRingForgetsItsOldestAndAsksForASnapshotBeforeIt() {
        ReplayRing ring = new ReplayRing(2, 0);
        ring.add(event(1));
        ring.add(event(2));
        ring.add(event(3));
        assertThat(ring.after(0)).isNull();
        assertThat(ids(ring.after(1))).containsExactly(2L, 3L);
        ring.add(event(1));
        assertThat(ids(ring.all())).containsExactly(2L, 3L);
    }

    @Test
    void aCopyHasTheSameEventsAndGoesItsOwnWay() {
        ReplayRing ring = new ReplayRing(5, 10);
        ring.add(event(11));
        ReplayRing copy = ring.copy();
        copy.add(event(12));
        assertThat(ids(ring.all())).containsExactly(11L);
        assertThat(ids(copy.all())).containsExactly(11L, 12L);
        assertThat(copy.after(9)).isNull();
    }
}
