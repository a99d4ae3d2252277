package io.ballast.server.score;

import java.util.List;

/** Everything computed for one region in one year: the indicators' readings and the composite (or why there is none). */
public record YearScores(int period, List<IndicatorScore> indicators, CompositeScore composite) {

    public YearScores {
        indicators = List.copyOf(indicators);
    }
}
