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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        BallastConfig config = new ConfigLoader().load(Optional.empty(), Map.of("BALLAST_UNCERTAINTY_ENABLED",
                "false"));
        Vertx vertx = Vertx.vertx();
        Database database = Database.open("jdbc:h2:mem:scoring-failure;DB_CLOSE_DELAY=-1", "sa", "");
        PluginHost host = new PluginHost(id -> true);
        host.discover(ScoringFailureTest.class.getClassLoader(), "classpath");
        try (Measurer measurer = new Measurer(host, Duration.ofSeconds(10))) {
            Baseline.bundled().seed(database.observations(), database.events());
            ObjectMapper json = new ObjectMapper();
            Panel panel = new Panel();
            var uncertainty = new UncertaintyService(panel, () -> config, Optional::empty, null, Runnable::run);
            var queries = new ScoreQueries(panel, json, () -> config, uncertainty::current, () -> false);
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
            var service = new ScoreService(database.observations(), database.events(), database.scores(),
                    new Scorer(host, measurer, config, Clock.systemUTC()), panel, queries, sink, alerts -> { },
                    vertx.createSharedWorkerExecutor("test-score", 1), json, uncertainty);
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
        } finally {
            database.close();
            vertx.close().await();
        }
    }
}
