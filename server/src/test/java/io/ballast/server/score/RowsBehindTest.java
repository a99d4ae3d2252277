package io.ballast.server.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ballast.server.store.Database;
import io.ballast.server.store.NewObservation;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A change's score rows are written behind its event ({@link ScoreWriter#BEHIND} later, with the changes made
 * meanwhile), always end as the panel's latest scores, and a close writes those still behind before it returns.
 */
class RowsBehindTest {

    @Test
    void rowsFollowTheEventAndEndAsTheLatestScores() {
        try (ScoringRig rig = new ScoringRig("rows-behind")) {
            AtomicInteger events = new AtomicInteger();
            var service = started(rig, events);

            change(rig, service, 31.0);
            await().atMost(Duration.ofSeconds(30)).until(() -> events.get() == 2);
            await().atMost(Duration.ofSeconds(5)).until(() -> stored(rig.database).equals(scored(rig.panel)));

            // changes within the time behind: their rows are written together, the last change's scores last
            for (double value : new double[] {32.0, 33.0, 34.0}) {
                change(rig, service, value);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> scored(rig.panel).equals(score(rig, 34.0)));
            await().atMost(Duration.ofSeconds(5)).until(() -> stored(rig.database).equals(scored(rig.panel)));
            assertThat(service.close(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void aCloseRightAfterAnEventWritesItsRowsBeforeItReturns() {
        try (ScoringRig rig = new ScoringRig("rows-behind-close")) {
            AtomicInteger events = new AtomicInteger();
            var service = started(rig, events);
            Double before = stored(rig.database);

            change(rig, service, 41.0);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2)).until(() -> events.get() == 2);
            assertThat(service.close(Duration.ofSeconds(10))).isTrue();

            assertThat(before).isNotEqualTo(scored(rig.panel));
            assertThat(stored(rig.database)).isEqualTo(scored(rig.panel)).isNotNull();
        }
    }

    @Test
    void rowsDueWhenTheWorkerHasClosedAreLeftToTheCloseWithoutAnUncaughtError() throws Exception {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
        try (ScoringRig rig = new ScoringRig("rows-behind-worker-closed")) {
            AtomicInteger events = new AtomicInteger();
            WorkerExecutor worker = rig.worker();
            var service = started(rig, events, worker);

            change(rig, service, 42.0);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2)).until(() -> events.get() == 2);
            worker.close().await(); // as when Vert.x closes before the rows are due
            Thread.sleep(3 * ScoreWriter.BEHIND.toMillis());

            assertThat(uncaught).isEmpty();
            assertThat(service.close(Duration.ofSeconds(10))).isTrue();
            assertThat(stored(rig.database)).isEqualTo(scored(rig.panel));
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    /** A service that scored and settled the rig's China, counting China's events. */
    private static ScoreService started(ScoringRig rig, AtomicInteger events) {
        return started(rig, events, rig.worker());
    }

    private static ScoreService started(ScoringRig rig, AtomicInteger events, WorkerExecutor worker) {
        ScoreService service = rig.service((region, event, bytes) -> {
            if (region.equals("CHN")) {
                events.incrementAndGet();
            }
        }, worker);
        service.recomputeAll(List.of("CHN"));
        service.settle();
        await().atMost(Duration.ofSeconds(30)).until(() -> scored(rig.panel).equals(stored(rig.database)));
        return service;
    }

    private static void change(ScoringRig rig, ScoreService service, double unemployment) {
        service.schedule(rig.database.observations().upsert(List.of(new NewObservation("CHN", "SL.UEM.TOTL.ZS",
                2024, unemployment, "test", null))));
    }

    /** The labor-conditions score of China in 2024 that {@code unemployment} gives, scored from scratch. */
    private static Double score(ScoringRig rig, double unemployment) {
        Panel fresh = new Panel();
        fresh.put("CHN", rig.scorer().score("CHN", RegionData.of(
                rig.database.observations().ofRegion("CHN"), rig.database.events().ofRegion("CHN"))));
        return scored(fresh);
    }

    /** China's labor-conditions score in 2024 in the panel. */
    private static Double scored(Panel panel) {
        return panel.years("CHN").stream().filter(y -> y.period() == 2024)
                .flatMap(y -> y.indicators().stream())
                .filter(s -> s.id().equals("labor-conditions") && s.scored())
                .map(IndicatorScore::score).findFirst().orElse(null);
    }

    /** China's stored labor-conditions score in 2024. */
    private static Double stored(Database database) {
        return database.scores().ofRegion("CHN").stream()
                .filter(r -> r.indicator().equals("labor-conditions") && r.period() == 2024)
                .map(r -> r.score()).findFirst().orElse(null);
    }
}
