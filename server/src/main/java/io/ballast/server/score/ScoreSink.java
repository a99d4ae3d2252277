package io.ballast.server.score;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a region's new latest-scores document goes once it changed: the stream stage. {@code event} names why it
 * changed: {@code score} after a recompute, {@code uncertainty} when the uncertainty analysis of the current scores
 * is done.
 */
public interface ScoreSink {

    /** The event of a recompute. */
    String SCORE = "score";
    /** The event of a finished uncertainty analysis. */
    String UNCERTAINTY = "uncertainty";

    /** Called from the scoring worker with the region's latest-scores JSON, serialised once. */
    void publish(String region, String event, Buffer latestScores);

    /**
     * Completes once the events published so far have been written to every stream of this node (handed to the
     * sockets); the scoring worker waits for it before work that would compete with that for the cores.
     */
    default CompletionStage<Void> written() {
        return CompletableFuture.completedFuture(null);
    }

    /** Called from the scoring worker with a region's newly computed years (a cluster hands them to the others). */
    default void scored(String region, List<YearScores> years) {
    }

    /** Called when an uncertainty analysis of this node's scores is done (a cluster hands it to the others). */
    default void analysed(UncertaintyResult result) {
    }
}
