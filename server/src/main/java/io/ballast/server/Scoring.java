package io.ballast.server;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.LiveConfig;
import io.ballast.server.score.AlertSink;
import io.ballast.server.score.ScoreQueries;
import io.ballast.server.score.ScoreService;
import io.ballast.server.score.Scorer;
import io.ballast.server.stream.AlertWebhook;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Start-up stage 4: scoring. The scorer (plugins → readings → composite, with the configuration in force at each run),
 * the service that queues changed cells and recomputes them on its one worker, and the cached score documents with
 * their alerts, which go to the webhook when one is configured.
 */
record Scoring(ScoreService service, ScoreQueries queries, WorkerExecutor worker) {

    static Scoring create(Platform platform, Store store, Plugins plugins, Streams streams, LiveConfig live) {
        var config = live.get().startup();
        var queries = new ScoreQueries(store.database().scores(), store.workers(), platform.json(), platform.vertx(),
                () -> live.get().alerts().rules());
        queries.bindMetrics(platform.metrics().meters());
        var scorer = new Scorer(plugins.host(), plugins.measurer(), live, Clock.systemUTC());
        AlertSink alerts = config.webhook().uri().<AlertSink>map(url -> new AlertWebhook(url,
                config.webhook().retries(), Duration.ofMillis(config.webhook().timeoutMs()), platform.json(),
                platform.outbound())).orElse(fired -> { });
        WorkerExecutor worker = platform.vertx().createSharedWorkerExecutor("ballast-score", 1);
        var service = new ScoreService(store.database().observations(), store.database().scores(), scorer, queries,
                streams.events(), alerts, worker, platform.json());
        return new Scoring(service, queries, worker);
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

    /** Rescores every region (the configuration's weights, regions or plugins changed). */
    void rescore(BallastConfig config) {
        service.scheduleAll(regions(config));
    }

    private static List<String> regions(BallastConfig config) {
        return config.regions().stream().map(BallastConfig.Region::code).toList();
    }

    /** Lets a running recompute finish, then stops taking work. */
    void close() {
        service.close(Duration.ofSeconds(10));
        worker.close();
    }
}
