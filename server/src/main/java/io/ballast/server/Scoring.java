package io.ballast.server;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.LiveConfig;
import io.ballast.server.score.AlertSink;
import io.ballast.server.score.Panel;
import io.ballast.server.score.ScenarioService;
import io.ballast.server.score.Scenarios;
import io.ballast.server.score.ScoreQueries;
import io.ballast.server.score.ScoreService;
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
import java.util.concurrent.Executor;

/**
 * Start-up stage 4: scoring. The scorer (plugins → readings → composite, with the configuration in force at each run)
 * fills the panel of every region's years; the service queues changed cells and recomputes them on its one worker;
 * the cached score documents and their alerts (to the webhook when one is configured) are built from the panel. The
 * uncertainty analysis of the panel and the scenarios run on workers of their own, never delaying a plain score.
 */
record Scoring(ScoreService service, ScoreQueries queries, ScenarioService scenarios, UncertaintyService uncertainty,
               List<WorkerExecutor> workers) {

    /** Scenarios waiting or running before {@code POST /api/v1/scenarios} answers 503. */
    private static final int MAX_SCENARIOS = 16;
    /**
     * How long an uncertainty analysis waits after a change: it takes both cores for most of a second, and the
     * change's event should reach its streams first (docs/performance.md, delivery).
     */
    private static final Duration ANALYSIS_QUIET = Duration.ofMillis(250);

    static Scoring create(Platform platform, Store store, Plugins plugins, Streams streams, LiveConfig live) {
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
        var database = store.database();
        ScoreSink sink = Clustering.sink(platform, streams);
        var service = new ScoreService(database.observations(), database.events(), database.scores(), scorer, panel,
                queries, sink, alerts, worker, platform.json(), uncertainty);
        Clustering.receive(platform, sink, service, store);
        service.status().bindMetrics(platform.metrics().meters());
        WorkerExecutor scenarioWorker = vertx.createSharedWorkerExecutor("ballast-scenarios", 1);
        var scenarios = new ScenarioService(new Scenarios(database.observations(), database.events(), scorer, panel,
                live, analysis), queries, platform.json(), live,
                () -> UncertaintyRanges.ofScenarios(live.get().uncertainty()), scenarioWorker, MAX_SCENARIOS);
        return new Scoring(service, queries, scenarios, uncertainty, List.of(worker, analysing, scenarioWorker));
    }

    /**
     * Scores every configured region once, before anything is served, then follows the plugins: a change to the set
     * of measuring plugins rescores every region.
     */
    Future<Void> first(Platform platform, Store store, Plugins plugins, LiveConfig live) {
        return platform.vertx().executeBlocking(() -> {
            store.series().loadCatalogue();
            service.recomputeAll(regions(live.get()));
            plugins.host().onChange(() -> service.scheduleAll(regions(live.get())));
            return null;
        }, false);
    }

    /**
     * Rescores every region (the configuration's weights, regions or plugins changed), and analyses the uncertainty
     * again when its ranges changed.
     */
    void rescore(BallastConfig before, BallastConfig config) {
        service.scheduleAll(regions(config));
        if (!before.uncertainty().equals(config.uncertainty())) {
            service.reanalyse();
        }
    }

    private static List<String> regions(BallastConfig config) {
        return config.regions().stream().map(BallastConfig.Region::code).toList();
    }

    /** Lets a running recompute finish, then stops taking work. */
    void close() {
        uncertainty.close();
        service.close(Duration.ofSeconds(10));
        workers.forEach(WorkerExecutor::close);
    }
}
