package io.ballast.server.score;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigLoader;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.ingest.Baseline;
import io.ballast.server.store.Database;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the tests that follow a change through {@link ScoreService} share: the default configuration with the
 * uncertainty analysis off, an in-memory database seeded with the bundled baseline, the built-in plugins, and the
 * panel and documents a service fills. Each test gives the sink it watches.
 */
final class ScoringRig implements AutoCloseable {

    final BallastConfig config = new ConfigLoader().load(Optional.empty(),
            Map.of("BALLAST_UNCERTAINTY_ENABLED", "false"));
    final Database database;
    final ObjectMapper json = new ObjectMapper();
    final Panel panel = new Panel();
    final UncertaintyService uncertainty = new UncertaintyService(panel, () -> config, Optional::empty, null,
            Runnable::run);
    final ScoreQueries queries = new ScoreQueries(panel, json, () -> config, uncertainty::current, () -> false);
    private final Vertx vertx = Vertx.vertx();
    private final PluginHost host = new PluginHost(id -> true);
    private final Measurer measurer;

    /** A rig on its own in-memory database {@code name}. */
    ScoringRig(String name) {
        database = Database.open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
        host.discover(ScoringRig.class.getClassLoader(), "classpath");
        measurer = new Measurer(host, Duration.ofSeconds(10));
        Baseline.bundled().seed(database.observations(), database.events());
    }

    /** A scoring service over this rig's database and panel, handing its events to {@code sink}. */
    ScoreService service(ScoreSink sink) {
        return service(sink, worker());
    }

    /** A scoring service as {@link #service(ScoreSink)}, on the scoring worker given. */
    ScoreService service(ScoreSink sink, WorkerExecutor worker) {
        return new ScoreService(database.observations(), database.events(), database.scores(), scorer(), panel,
                queries, sink, alerts -> { }, worker, json, uncertainty);
    }

    /** A scoring worker: one thread. */
    WorkerExecutor worker() {
        return vertx.createSharedWorkerExecutor("test-score", 1);
    }

    /** A scorer of the built-in plugins under this rig's configuration. */
    Scorer scorer() {
        return new Scorer(host, measurer, config, Clock.systemUTC());
    }

    @Override
    public void close() {
        measurer.close();
        database.close();
        vertx.close().await();
    }
}
