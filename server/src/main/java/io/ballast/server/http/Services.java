package io.ballast.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.LiveConfig;
import io.ballast.server.connector.SourceStatus;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.ingest.IngestService;
import io.ballast.server.metrics.Metrics;
import io.ballast.server.score.ScoreQueries;
import io.ballast.server.store.Database;
import io.ballast.server.store.SeriesQueries;
import io.ballast.server.store.StoreWorkers;
import io.ballast.server.stream.ScoreEvents;
import io.ballast.server.stream.StreamGate;

/** What the HTTP layer needs from the other stages, built once and shared by every HTTP verticle. */
public record Services(
        LiveConfig live,
        ObjectMapper json,
        PluginHost plugins,
        ScoreQueries scores,
        SeriesQueries series,
        IngestService ingest,
        ScoreEvents events,
        StreamGate streams,
        Database database,
        StoreWorkers workers,
        String adminToken,
        Metrics metrics,
        SourceStatus sources,
        io.ballast.server.score.ScenarioService scenarios) {

    /** The configuration in force now (it may have been reloaded since the last request). */
    public BallastConfig config() {
        return live.get();
    }
}
