package io.ballast.server.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ballast.server.store.Cell;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An Error in the middle of scoring (out of memory while the new scores go out) is caught, counted and shown, and
 * scoring goes on: the next change scores and publishes as before, and the status is healthy again.
 */
class ScoringFailureTest {

    @Test
    void anOutOfMemoryErrorWhilePublishingLeavesScoringWorkingAndIsReportedUntilAPassSucceeds() {
        try (ScoringRig rig = new ScoringRig("scoring-failure")) {
            List<String> published = new CopyOnWriteArrayList<>();
            AtomicInteger calls = new AtomicInteger();
            List<String> lost = new CopyOnWriteArrayList<>();
            ScoreSink sink = (region, event, bytes) -> {
                if (calls.incrementAndGet() == 1) {
                    lost.add(region);
                    throw new OutOfMemoryError("Java heap space (simulated)");
                }
                published.add(region);
            };
            var service = rig.service(sink);
            var registry = new SimpleMeterRegistry();
            service.status().bindMetrics(registry);

            service.schedule(List.of(new Cell("CHN", 2020)));
            await().atMost(Duration.ofSeconds(30)).until(() -> service.status().failures() == 1);
            assertThat(service.status().healthy()).isFalse();
            assertThat(service.status().last().orElseThrow().what()).contains("OutOfMemoryError");
            assertThat(registry.get("ballast.scoring.failures").functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("ballast.scoring.healthy").gauge().value()).isZero();

            service.schedule(List.of(new Cell("USA", 2020)));
            await().atMost(Duration.ofSeconds(30)).until(() -> !published.isEmpty() && service.status().healthy());
            // the region whose event was lost to the error goes out with the next pass
            assertThat(published).contains(lost.get(0));
            assertThat(registry.get("ballast.scoring.healthy").gauge().value()).isEqualTo(1);
            service.close(Duration.ofSeconds(10));
        }
    }
}
