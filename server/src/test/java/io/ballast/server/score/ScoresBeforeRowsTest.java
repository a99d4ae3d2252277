package io.ballast.server.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigLoader;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.ingest.Baseline;
import io.ballast.server.store.Cell;
import io.ballast.server.store.Database;
import io.ballast.server.store.NewObservation;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The stream hears of new scores before the score rows are written: the rows are derived data, written after the
 * event (and at start-up once the server serves), so no database write stands between a change and its event.
 */
class ScoresBeforeRowsTest {

    @Test
    void eventsGoOutBeforeTheRowsAreWrittenAndTheRowsFollow() {
        BallastConfig config = new ConfigLoader().load(Optional.empty(), Map.of("BALLAST_UNCERTAINTY_ENABLED",
                "false"));
        Vertx vertx = Vertx.vertx();
        Database database = Database.open("jdbc:h2:mem:scores-before-rows;DB_CLOSE_DELAY=-1", "sa", "");
        PluginHost host = new PluginHost(id -> true);
        host.discover(ScoresBeforeRowsTest.class.getClassLoader(), "classpath");
        try (Measurer measurer = new Measurer(host, Duration.ofSeconds(10))) {
            Baseline.bundled().seed(database.observations(), database.events());
            ObjectMapper json = new ObjectMapper();
            Panel panel = new Panel();
            var uncertainty = new UncertaintyService(panel, () -> config, Optional::empty, null, Runnable::run);
            var queries = new ScoreQueries(panel, json, () -> config, uncertainty::current, () -> false);
            // what the store held for the region at the moment each event was handed to the stream
            List<Integer> rowsAtEvent = new CopyOnWriteArrayList<>();
            List<Double> storedAtEvent = new CopyOnWriteArrayList<>();
            ScoreSink sink = (region, event, bytes) -> {
                if (region.equals("CHN")) {
                    rowsAtEvent.add(database.scores().ofRegion("CHN").size());
                    storedAtEvent.add(unemploymentScore(database, 2024));
                }
            };
            var service = new ScoreService(database.observations(), database.events(), database.scores(),
                    new Scorer(host, measurer, config, Clock.systemUTC()), panel, queries, sink, alerts -> { },
                    vertx.createSharedWorkerExecutor("test-score", 1), json, uncertainty);

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
        } finally {
            database.close();
            vertx.close().await();
        }
    }

    /** The stored labor-conditions score of China in {@code year}. */
    private static Double unemploymentScore(Database database, int year) {
        return database.scores().ofRegion("CHN").stream()
                .filter(r -> r.indicator().equals("labor-conditions") && r.period() == year)
                .map(r -> r.score()).findFirst().orElse(null);
    }
}
