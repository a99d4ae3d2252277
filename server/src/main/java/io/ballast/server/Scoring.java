package io.ballast.server;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.LiveConfig;
import io.ballast.server.score.AlertSink;
import io.ballast.server.score.Panel;
import io.ballast.server.score.ScenarioService;
import io.ballast.server.score.Scenarios;
import io.ballast.server.score.ScoreQueries;
import io.ballast.server.score.ScoreJson;
import io.ballast.server.score.ScoreService;
import io.ballast.server.score.ScoreSnapshot;
import io.ballast.server.score.ScoreSink;
import io.ballast.server.score.Scorer;
import io.ballast.server.score.UncertaintyAnalysis;
import io.ballast.server.score.UncertaintyRanges;
import io.ballast.server.score.UncertaintyService;
import io.ballast.server.score.uncertainty.MonteCarlo;
import io.ballast.server.stream.AlertWebhook;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Start-up stage 4: scoring. The scorer (plugins → readings → composite, with the configuration in force at each run)
 * fills the panel of every region's years; the cached score documents and their alerts (to the webhook when one is
 * configured) are built from the panel. All of this lives in memory, so reads can be answered from the documents
 * kept at the last clean stop before the database is open; the services that need the database ({@link Service}:
 * the one worker that queues changed cells and recomputes them, the scenarios) are attached once it is. The
 * uncertainty analysis of the panel and the scenarios run on workers of their own, never delaying a plain score.
 */
record Scoring(Panel panel, ScoreQueries queries, UncertaintyService uncertainty, UncertaintyAnalysis analysis,
               Scorer scorer, ScoreSink sink, AlertSink alerts, WorkerExecutor worker, WorkerExecutor scenarioWorker,
               List<WorkerExecutor> workers) {

    /** Scenarios waiting or running before {@code POST /api/v1/scenarios} answers 503. */
    private static final int MAX_SCENARIOS = 16;
    /**
     * How long an uncertainty analysis waits after a change: it takes both cores for most of a second, and the
     * change's event should reach its streams first (docs/performance.md, delivery).
     */
    private static final Duration ANALYSIS_QUIET = Duration.ofMillis(250);

    /** The scoring services that read the database: recomputes of changed cells, and the scenarios. */
    record Service(ScoreService scores, ScenarioService scenarios) {

        /**
         * Rescores every region (the configuration's weights, regions or plugins changed), and analyses the
         * uncertainty again when its ranges changed.
         */
        void rescore(BallastConfig before, BallastConfig config) {
            scores.scheduleAll(regions(config));
            if (!before.uncertainty().equals(config.uncertainty())) {
                scores.reanalyse();
            }
        }
    }

    static Scoring create(Platform platform, Plugins plugins, Streams streams, LiveConfig live) {
        var config = live.get().startup();
        var vertx = platform.vertx();
        var panel = new Panel();
        WorkerExecutor analysing = vertx.createSharedWorkerExecutor("ballast-uncertainty", 2);
        Executor analysers = command -> analysing.executeBlocking(() -> {
            command.run();
            return null;
        }, false);
        var analysis = new UncertaintyAnalysis(new MonteCarlo(analysers, 2));
        var uncertainty = new UncertaintyService(panel, live, () -> UncertaintyRanges.of(live.get().uncertainty()),
                analysis, analysers, ANALYSIS_QUIET);
        var queries = new ScoreQueries(panel, platform.json(), live, uncertainty::current, uncertainty::enabled);
        queries.bindMetrics(platform.metrics().meters());
        var scorer = new Scorer(plugins.host(), plugins.measurer(), live, Clock.systemUTC());
        AlertSink alerts = config.webhook().uri().<AlertSink>map(url -> new AlertWebhook(url,
                config.webhook().retries(), Duration.ofMillis(config.webhook().timeoutMs()), platform.json(),
                platform.outbound())).orElse(fired -> { });
        WorkerExecutor worker = vertx.createSharedWorkerExecutor("ballast-score", 1);
        WorkerExecutor scenarioWorker = vertx.createSharedWorkerExecutor("ballast-scenarios", 1);
        return new Scoring(panel, queries, uncertainty, analysis, scorer, Clustering.sink(platform, streams), alerts,
                worker, scenarioWorker, List.of(worker, analysing, scenarioWorker));
    }

    /**
     * Serves the documents kept at the last clean stop (cached for reads, and each region's first event) when their
     * inputs are {@code inputs}; answers whether it did.
     */
    boolean restore(ScoreSnapshot snapshot, String inputs) {
        if (!snapshot.inputs().equals(inputs)) {
            return false;
        }
        snapshot.serve(queries, sink);
        return true;
    }

    /** The services that need the database, over the store just opened. */
    Service attach(Platform platform, Store store, LiveConfig live) {
        var database = store.database();
        var service = new ScoreService(database.observations(), database.events(), database.scores(), scorer, panel,
                queries, sink, alerts, worker, platform.json(), uncertainty);
        Clustering.receive(platform, sink, service, store);
        service.status().bindMetrics(platform.metrics().meters());
        var scenarios = new ScenarioService(new Scenarios(database.observations(), database.events(), scorer, panel,
                live, analysis), queries, platform.json(), live,
                () -> UncertaintyRanges.ofScenarios(live.get().uncertainty()), scenarioWorker, MAX_SCENARIOS);
        return new Service(service, scenarios);
    }

    /**
     * Scores every configured region from the database once, then follows the plugins: a change to the set of
     * measuring plugins rescores every region. After a {@link #restore} of {@code served}, reads are already
     * answered from its documents, and only those that come out different are sent again.
     */
    Future<Void> first(Platform platform, Store store, Service service, Plugins plugins, LiveConfig live,
                       Optional<ScoreSnapshot> served) {
        return platform.vertx().executeBlocking(() -> {
            store.series().loadCatalogue();
            List<String> regions = regions(live.get());
            if (served.isPresent()) {
                service.scores().recomputeServed(regions, served.get().analysed(new ScoreJson(platform.json())));
            } else {
                service.scores().recomputeAll(regions);
            }
            plugins.host().onChange(() -> service.scores().scheduleAll(regions(live.get())));
            return null;
        }, false);
    }

    static List<String> regions(BallastConfig config) {
        return config.regions().stream().map(BallastConfig.Region::code).toList();
    }

    /**
     * Lets a running recompute finish, then stops taking work; answers whether the panel is then in step with the
     * database (no change left unscored or failed), which is when it may be kept as a snapshot.
     */
    boolean close(Optional<Service> service) {
        uncertainty.close();
        boolean current = service.map(s -> s.scores().close(Duration.ofSeconds(10))).orElse(false);
        workers.forEach(WorkerExecutor::close);
        return current;
    }
}
