package io.ballast.server.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigLoader;
import io.ballast.server.score.uncertainty.MonteCarlo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * An analysis waits a quiet time after it is asked for, and changes within it are analysed together; one under way
 * when the scores change, or when a change is queued, is abandoned for one of the new scores.
 */
class UncertaintyQuietTest {

    /** The panel's analysis under {@code config}, its runs on {@code threads}, after {@code quiet}. */
    private static UncertaintyService service(BallastConfig config, Panel panel, ExecutorService threads,
                                              Duration quiet) {
        return new UncertaintyService(panel, () -> config, () -> UncertaintyRanges.of(config.uncertainty()),
                new UncertaintyAnalysis(new MonteCarlo(threads, 1)), threads, quiet);
    }

    @Test
    void changesDuringTheQuietTimeAreAnalysedOnceAsTheyStandAtItsEnd() throws InterruptedException {
        BallastConfig config = new ConfigLoader().load(Optional.empty(), Map.of("BALLAST_UNCERTAINTY_SAMPLES", "2"));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Panel panel = new Panel();
            var service = service(config, panel, threads, Duration.ofSeconds(2));
            List<Long> analysed = new CopyOnWriteArrayList<>();
            for (int change = 0; change < 3; change++) {
                panel.put("CHN", List.of());
                service.schedule(result -> analysed.add(result.version()));
                Thread.sleep(200); // well within the quiet time; without it an analysis of change 1 would be under way
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> !analysed.isEmpty());
            // without the quiet time the first change's version would be analysed first, alone
            assertThat(analysed.get(0)).isEqualTo(panel.version()).isEqualTo(3);
            assertThat(service.current()).isPresent();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anAnalysisUnderWayWhenTheScoresChangeIsAbandonedForOneOfTheNewScores() throws InterruptedException {
        BallastConfig config = new ConfigLoader().load(Optional.empty(), Map.of());
        Bundled bundled = new Bundled(config);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Panel panel = bundled.panel;
            var service = service(config, panel, threads, Duration.ZERO);
            List<Long> analysed = new CopyOnWriteArrayList<>();
            service.schedule(result -> analysed.add(result.version()));
            Thread.sleep(200); // 4,096 samples on one thread take well over a second: this one is under way
            panel.put("CHN", bundled.years.get("CHN"));
            service.schedule(result -> analysed.add(result.version()));
            await().atMost(Duration.ofSeconds(60)).until(() -> !analysed.isEmpty());
            // had it run to its end, the stale analysis would have been delivered first
            assertThat(analysed.get(0)).isEqualTo(panel.version());
            assertThat(service.failure()).isEmpty();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anAnalysisUnderWayWhenAChangeIsQueuedIsAbandonedAtOnceAndRunAgain() throws InterruptedException {
        BallastConfig config = new ConfigLoader().load(Optional.empty(), Map.of());
        Bundled bundled = new Bundled(config);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            var service = service(config, bundled.panel, threads, Duration.ZERO);
            // the fastest of three runs: in a new JVM the compiler still speeds the analysis up over the first few
            long alone = Math.min(timeToResult(service, -1), Math.min(timeToResult(service, -1),
                    timeToResult(service, -1)));
            // queued late in the run: abandoned then, it ends about 1.8 runs after it began; run to its end, after 1
            long queuedLate = timeToResult(service, alone * 8 / 10);
            assertThat(queuedLate).as("ms to the result after a change was queued %d ms into a %d ms analysis",
                    alone * 8 / 10, alone).isGreaterThan(alone * 14 / 10);
            assertThat(service.current()).isPresent();
        } finally {
            threads.shutdownNow();
        }
    }

    /** Asks for an analysis, queues a change after {@code changeAfterMs} (none when negative); ms to its result. */
    private static long timeToResult(UncertaintyService service, long changeAfterMs) throws InterruptedException {
        List<Long> analysed = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        service.schedule(result -> analysed.add(System.nanoTime()));
        if (changeAfterMs >= 0) {
            Thread.sleep(changeAfterMs);
            service.changing();
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> !analysed.isEmpty());
        return (analysed.get(0) - start) / 1_000_000;
    }
}
