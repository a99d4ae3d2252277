package io.ballast.server.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ballast.server.store.Database;
import io.ballast.server.store.NewObservation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The stream hears of new scores before the score rows are written: the rows are derived data, written after the
 * event (and at start-up once the server serves), so no database write stands between a change and its event.
 */
class ScoresBeforeRowsTest {

    @Test
    void eventsGoOutBeforeTheRowsAreWrittenAndTheRowsFollow() {
        try (ScoringRig rig = new ScoringRig("scores-before-rows")) {
            Database database = rig.database;
            // what the store held for the region at the moment each event was handed to the stream
            List<Integer> rowsAtEvent = new CopyOnWriteArrayList<>();
            List<Double> storedAtEvent = new CopyOnWriteArrayList<>();
            ScoreSink sink = (region, event, bytes) -> {
                if (region.equals("CHN")) {
                    rowsAtEvent.add(database.scores().ofRegion("CHN").size());
                    storedAtEvent.add(unemploymentScore(database, 2024));
                }
            };
            var service = rig.service(sink);

            service.recomputeAll(List.of("CHN"));
            assertThat(rowsAtEvent).containsExactly(0);
            service.settle();
            await().atMost(Duration.ofSeconds(30)).until(() -> !database.scores().ofRegion("CHN").isEmpty());
            Double before = unemploymentScore(database, 2024);

            var changed = database.observations().upsert(List.of(new NewObservation("CHN", "SL.UEM.TOTL.ZS", 2024,
                    25.0, "test", null)));
            service.schedule(changed);
            await().atMost(Duration.ofSeconds(30)).until(() -> rowsAtEvent.size() == 2
                    && !java.util.Objects.equals(unemploymentScore(database, 2024), before));
            assertThat(storedAtEvent.get(1)).isEqualTo(before);
            service.close(Duration.ofSeconds(10));
        }
    }

    /** The stored labor-conditions score of China in {@code year}. */
    private static Double unemploymentScore(Database database, int year) {
        return database.scores().ofRegion("CHN").stream()
                .filter(r -> r.indicator().equals("labor-conditions") && r.period() == year)
                .map(r -> r.score()).findFirst().orElse(null);
    }
}
