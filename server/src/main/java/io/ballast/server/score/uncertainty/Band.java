package io.ballast.server.score.uncertainty;

/**
 * The spread of one output over the draws: 5th, 50th and 95th percentile of the draws where it was defined, and how
 * many of the draws that was. With no defined draw the percentiles are NaN.
 */
public record Band(double p5, double p50, double p95, int defined, int draws) {

    public Band {
        if (defined < 0 || defined > draws) {
            throw new IllegalArgumentException("defined draws " + defined + " out of " + draws);
        }
    }

    /** A band for an output that no draw defined. */
    static Band undefined(int draws) {
        return new Band(Double.NaN, Double.NaN, Double.NaN, 0, draws);
    }

    /** Whether at least one draw defined the output. */
    public boolean isDefined() {
        return defined > 0;
    }

    /** p95 − p5. */
    public double width() {
        return p95 - p5;
    }
}
