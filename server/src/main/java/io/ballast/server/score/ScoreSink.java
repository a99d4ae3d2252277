package io.ballast.server.score;

import io.vertx.core.buffer.Buffer;

/** Where a region's new latest-scores document goes once a recompute changed it: the stream stage. */
public interface ScoreSink {

    /** Called from the scoring worker with the region's latest-scores JSON, serialised once. */
    void publish(String region, Buffer latestScores);
}
