package io.ballast.server.score;

import java.util.List;
import java.util.Optional;

/** Everything computed for one region in one year: the indicators' readings and, with enough coverage, the composite. */
public record YearScores(int period, List<IndicatorScore> indicators, Optional<CompositeScore> composite) {
}
