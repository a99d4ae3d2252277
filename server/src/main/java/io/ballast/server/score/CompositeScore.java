package io.ballast.server.score;

import java.util.List;
import java.util.Map;

/**
 * The composite of a region in one year: score, method, coverage (0-1), the indicators that were missing, warnings
 * such as capacity rising while labor conditions fall, and the vintages its indicators used (series code → vintage).
 */
public record CompositeScore(double score, String method, double coverage, List<String> missing,
                             List<Warning> warnings, Map<String, String> vintages) {

    /** This composite with warnings attached. */
    CompositeScore withWarnings(List<Warning> more) {
        return new CompositeScore(score, method, coverage, missing, List.copyOf(more), vintages);
    }
}
