package io.ballast.server.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.store.NewObservation;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A change's event waits for its own region's document only: the region just scored is rebuilt and sent first, even
 * when it comes last in the configuration, and the other regions' documents (rebuilt too, their ranks may move) come
 * after it.
 */
class ScoredRegionFirstTest {

    @Test
    void theScoredRegionIsSentBeforeTheOtherRegionsAreRebuilt() {
        try (ScoringRig rig = new ScoringRig("scored-region-first")) {
            List<String> regions = rig.config.regions().stream().map(BallastConfig.Region::code).toList();
            String last = regions.get(regions.size() - 1);
            String first = regions.get(0);
            ScoreQueries queries = rig.queries;
            List<String> sent = new CopyOnWriteArrayList<>();
            // the first region's cached document at the moment the last region's event went out
            AtomicReference<Optional<Buffer>> firstAtLastsEvent = new AtomicReference<>();
            ScoreSink sink = (region, event, bytes) -> {
                sent.add(region);
                if (region.equals(last)) {
                    firstAtLastsEvent.set(queries.latest(first));
                }
            };
            var service = rig.service(sink);
            service.recomputeAll(regions);
            assertThat(sent).containsExactlyElementsOf(regions); // start-up: every region, in configuration order
            Optional<Buffer> firstBefore = queries.latest(first);
            sent.clear();

            service.schedule(rig.database.observations().upsert(List.of(new NewObservation(last, "SL.UEM.TOTL.ZS",
                    2024, 25.0, "test", null))));
            await().atMost(Duration.ofSeconds(30)).until(() -> queries.latest(first) != firstBefore);

            assertThat(sent).first().isEqualTo(last);
            assertThat(firstAtLastsEvent.get()).as("the first region's document, not yet rebuilt").isSameAs(firstBefore);
            service.close(Duration.ofSeconds(10));
        }
    }
}
