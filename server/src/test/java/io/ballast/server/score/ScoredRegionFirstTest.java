package io.ballast.server.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigLoader;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.ingest.Baseline;
import io.ballast.server.store.Database;
import io.ballast.server.store.NewObservation;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        BallastConfig config = new ConfigLoader().load(Optional.empty(), Map.of("BALLAST_UNCERTAINTY_ENABLED",
                "false"));
        List<String> regions = config.regions().stream().map(BallastConfig.Region::code).toList();
        String last = regions.get(regions.size() - 1);
        String first = regions.get(0);
        Vertx vertx = Vertx.vertx();
        Database database = Database.open("jdbc:h2:mem:scored-region-first;DB_CLOSE_DELAY=-1", "sa", "");
        PluginHost host = new PluginHost(id -> true);
        host.discover(ScoredRegionFirstTest.class.getClassLoader(), "classpath");
        try (Measurer measurer = new Measurer(host, Duration.ofSeconds(10))) {
            Baseline.bundled().seed(database.observations(), database.events());
            ObjectMapper json = new ObjectMapper();
            Panel panel = new Panel();
            var uncertainty = new UncertaintyService(panel, () -> config, Optional::empty, null, Runnable::run);
            var queries = new ScoreQueries(panel, json, () -> config, uncertainty::current, () -> false);
            List<String> sent = new CopyOnWriteArrayList<>();
            // the first region's cached document at the moment the last region's event went out
            AtomicReference<Optional<Buffer>> firstAtLastsEvent = new AtomicReference<>();
            ScoreSink sink = (region, event, bytes) -> {
                sent.add(region);
                if (region.equals(last)) {
                    firstAtLastsEvent.set(queries.latest(first));
                }
            };
            var service = new ScoreService(database.observations(), database.events(), database.scores(),
                    new Scorer(host, measurer, config, Clock.systemUTC()), panel, queries, sink, alerts -> { },
                    vertx.createSharedWorkerExecutor("test-score", 1), json, uncertainty);
            service.recomputeAll(regions);
            assertThat(sent).containsExactlyElementsOf(regions); // start-up: every region, in configuration order
            Optional<Buffer> firstBefore = queries.latest(first);
            sent.clear();

            service.schedule(database.observations().upsert(List.of(new NewObservation(last, "SL.UEM.TOTL.ZS",
                    2024, 25.0, "test", null))));
            await().atMost(Duration.ofSeconds(30)).until(() -> queries.latest(first) != firstBefore);

            assertThat(sent).first().isEqualTo(last);
            assertThat(firstAtLastsEvent.get()).as("the first region's document, not yet rebuilt").isSameAs(firstBefore);
            service.close(Duration.ofSeconds(10));
        } finally {
            database.close();
            vertx.close().await();
        }
    }
}
