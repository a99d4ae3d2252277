package io.ballast.server.score.uncertainty;

/**
 * How settled one output's band is at the sample size used: the band from the first N/2 base samples (itself a
 * balanced Sobol point set) beside the band from all N. Small shifts mean more samples would change little.
 */
public record Convergence(Band half, Band full) {

    /** |p5 at N − p5 at N/2|; NaN if either band is undefined. */
    public double p5Shift() {
        return Math.abs(full.p5() - half.p5());
    }

    /** |p95 at N − p95 at N/2|; NaN if either band is undefined. */
    public double p95Shift() {
        return Math.abs(full.p95() - half.p95());
    }
}
