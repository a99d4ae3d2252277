package io.ballast.server;

import io.ballast.server.config.LiveConfig;
import io.ballast.server.score.ScoreSnapshot;
import io.ballast.server.store.Database;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Start-up stage 5, once the database is open: the store, the scoring services that read it, the first scoring from
 * it, and then what feeds scoring (ingest and the sources). When a start serves a score snapshot, the server
 * already answers reads while this stage comes up, and requests that need it wait for it
 * ({@link io.ballast.server.http.Deferred}).
 */
record Backend(Store store, Scoring.Service scoring, Ingest ingest) {

    /** Brings the stage up over an open database; on failure the database is closed again. */
    static Future<Backend> start(Platform platform, Database database, Plugins plugins, Scoring scoring,
                                 Streams streams, LiveConfig live, Optional<ScoreSnapshot> served,
                                 StartupPhases phases) {
        Store store = Store.of(database, platform);
        long scoringStart = phases.now();
        Scoring.Service service;
        try {
            service = scoring.attach(platform, store, live);
        } catch (RuntimeException e) {
            store.close();
            return Future.failedFuture(e);
        }
        return scoring.first(platform, store, service, plugins, live, served)
                .onSuccess(v -> phases.record("scoring", scoringStart))
                .compose(v -> {
                    long ingestStart = phases.now();
                    return Ingest.start(platform, store, plugins, service.scores(), streams, live)
                            .onSuccess(i -> phases.record("ingest", ingestStart));
                })
                .map(ingest -> new Backend(store, service, ingest))
                .onFailure(e -> store.close());
    }

    void close() {
        store.close();
    }
}
