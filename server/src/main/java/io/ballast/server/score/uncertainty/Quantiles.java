package io.ballast.server.score.uncertainty;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/**
 * The 5th, 50th and 95th percentile of a sample, by commons-math's {@link Percentile}: for values the R-7 estimate
 * (linear between order statistics at (n − 1)p + 1, the default of R and NumPy), for ranks R-1 (the inverse of the
 * empirical distribution: the smallest rank r with a share of at least p of the draws at r or better, so always a
 * rank that occurred).
 * Not thread-safe; one per analysis step.
 */
final class Quantiles {

    private final Percentile percentile;

    private Quantiles(EstimationType type) {
        this.percentile = new Percentile().withEstimationType(type);
    }

    static Quantiles ofValues() {
        return new Quantiles(EstimationType.R_7);
    }

    static Quantiles ofRanks() {
        return new Quantiles(EstimationType.R_1);
    }

    /** The band of the first {@code defined} entries of {@code sample} (no NaN among them), out of {@code draws}. */
    Band band(double[] sample, int defined, int draws) {
        if (defined == 0) {
            return Band.undefined(draws);
        }
        percentile.setData(sample, 0, defined);
        return new Band(percentile.evaluate(5), percentile.evaluate(50), percentile.evaluate(95), defined, draws);
    }

    /** The rank interval of the first {@code ranked} entries of {@code ranks} (whole numbers), out of {@code draws}. */
    RankInterval rankInterval(double[] ranks, int ranked, int draws) {
        if (ranked == 0) {
            return new RankInterval(0, 0, 0, 0, draws);
        }
        percentile.setData(ranks, 0, ranked);
        return new RankInterval((int) percentile.evaluate(5), (int) percentile.evaluate(50),
                (int) percentile.evaluate(95), ranked, draws);
    }
}
