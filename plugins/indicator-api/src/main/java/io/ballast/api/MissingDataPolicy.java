package io.ballast.api;

/**
 * The deployment's rule for missing inputs, which an indicator applies when it measures: a value may be carried
 * forward from its last observation for at most {@code carryForwardYears} years (and is then marked as carried), and a
 * reading needs at least {@code minCoverage} of its input weight present or carried; below that there is no reading.
 * Nothing is ever filled with the mean of the other inputs.
 */
public record MissingDataPolicy(int carryForwardYears, double minCoverage) {

    /** Ballast's default: carry forward at most 2 years, a reading needs 70 % of its input weight. */
    public static final MissingDataPolicy DEFAULT = new MissingDataPolicy(2, 0.7);

    public MissingDataPolicy {
        if (carryForwardYears < 0 || carryForwardYears > 10) {
            throw new IllegalArgumentException("carryForwardYears must be within 0 and 10, was " + carryForwardYears);
        }
        Checks.within(minCoverage, 0, 1, "minCoverage");
    }
}
