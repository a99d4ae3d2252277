package io.ballast.server.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.store.NewObservation;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The other regions' documents are rebuilt only once the scored region's event is written to the streams, so that
 * on few cores the writing is not kept waiting for one; a sink that never says so holds them back a second at most.
 */
class OthersAfterWrittenTest {

    /** A sink that records what it was sent and says the events are written when the test says so. */
    private static final class Sink implements ScoreSink {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> written = new CompletableFuture<>();

        @Override
        public void publish(String region, String event, Buffer latestScores) {
            sent.add(region);
        }

        @Override
        public CompletionStage<Void> written() {
            return written;
        }
    }

    @Test
    void theOtherDocumentsWaitUntilTheScoredRegionsEventIsWritten() throws Exception {
        try (ScoringRig rig = new ScoringRig("others-after-written")) {
            Sink sink = new Sink();
            var service = rig.service(sink);
            String other = firstRegion(rig);
            Optional<Buffer> otherBefore = scoreThenChangeLastRegion(rig, service, sink);
            Thread.sleep(300);
            assertThat(rig.queries.latest(other)).as("not rebuilt while the event is being written")
                    .isSameAs(otherBefore);

            sink.written.complete(null);
            await().atMost(Duration.ofSeconds(30)).until(() -> rig.queries.latest(other) != otherBefore);
            service.close(Duration.ofSeconds(10));
        }
    }

    @Test
    void aSinkThatNeverSaysWrittenHoldsTheOthersBackASecondAtMost() {
        try (ScoringRig rig = new ScoringRig("others-after-written-timeout")) {
            Sink sink = new Sink();
            var service = rig.service(sink);
            String other = firstRegion(rig);
            Optional<Buffer> otherBefore = scoreThenChangeLastRegion(rig, service, sink);
            // the wait is a second; the rest is room for a loaded machine
            await().atMost(Duration.ofSeconds(5)).until(() -> rig.queries.latest(other) != otherBefore);
            service.close(Duration.ofSeconds(10));
        }
    }

    private static String firstRegion(ScoringRig rig) {
        return rig.config.regions().get(0).code();
    }

    /**
     * Scores every region, then changes the last configured one and waits until its event is sent; answers the first
     * region's document as it was before the change.
     */
    private static Optional<Buffer> scoreThenChangeLastRegion(ScoringRig rig, ScoreService service, Sink sink) {
        List<String> regions = rig.config.regions().stream().map(BallastConfig.Region::code).toList();
        String scored = regions.get(regions.size() - 1);
        service.recomputeAll(regions);
        Optional<Buffer> otherBefore = rig.queries.latest(regions.get(0));
        sink.sent.clear();
        service.schedule(rig.database.observations().upsert(List.of(new NewObservation(scored, "SL.UEM.TOTL.ZS",
                2024, 25.0, "test", null))));
        await().atMost(Duration.ofSeconds(30)).until(() -> sink.sent.contains(scored));
        return otherBefore;
    }
}
