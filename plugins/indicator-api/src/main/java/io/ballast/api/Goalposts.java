package io.ballast.api;

/**
 * Fixed-goalpost min-max normalisation: {@code worst} maps to 0, {@code best} to 100, values beyond are clamped.
 *
 * <p>Fixed goalposts (rather than the sample's min and max) keep a year's score stable when other years' or other
 * regions' data arrive. {@code lower} and {@code upper} are the raw bounds; the direction says which one is best.
 */
public record Goalposts(double lower, double upper, Direction direction) {

    public Goalposts {
        Checks.finite(lower, "lower goalpost");
        Checks.finite(upper, "upper goalpost");
        if (!(lower < upper)) {
            throw new IllegalArgumentException("lower goalpost " + lower + " must be below upper goalpost " + upper);
        }
        if (direction == null) {
            throw new IllegalArgumentException("direction must be given");
        }
    }

    /** Maps a raw value onto 0-100, clamped at the goalposts. */
    public double normalise(double raw) {
        Checks.finite(raw, "raw value");
        double share = (Math.min(Math.max(raw, lower), upper) - lower) / (upper - lower);
        return 100 * (direction == Direction.HIGHER_IS_BETTER ? share : 1 - share);
    }
}
