package io.ballast.server.score;

import io.ballast.server.store.ScoreStore;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes recomputed scores to the score store, after they were published: only the rows that changed. A region whose
 * rows could not be written is handed to {@code retry}, so that the next change scores and writes it again.
 */
final class ScoreWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ScoreService.class);

    private final ScoreStore scores;
    private final ScoreRows rows;
    private final ScoringStatus status;
    private final Consumer<String> retry;

    ScoreWriter(ScoreStore scores, ScoreRows rows, ScoringStatus status, Consumer<String> retry) {
        this.scores = scores;
        this.rows = rows;
        this.status = status;
        this.retry = retry;
    }

    /** Writes each region's rows; answers whether all were written. */
    boolean write(Map<String, List<YearScores>> scored) {
        boolean ok = true;
        for (Map.Entry<String, List<YearScores>> region : scored.entrySet()) {
            try {
                int changed = scores.replace(region.getKey(), Integer.MIN_VALUE, rows.rows(region.getValue()));
                LOG.debug("Stored {}: {} score rows changed", region.getKey(), changed);
            } catch (Throwable e) { // out of memory included: readers and streams have the scores already
                retry.accept(region.getKey());
                status.failed("storing the scores of " + region.getKey(), e);
                LOG.error("Storing the scores of {} failed; they are written again with the next change",
                        region.getKey(), e);
                ok = false;
            }
        }
        return ok;
    }
}
