package io.ballast.api;

/** Weighted means over 0-100 scores, the two aggregations the OECD/JRC handbook recommends comparing. */
public final class Means {

    /** Scores below this are lifted to it in a geometric mean, so one zero does not erase every other input. */
    public static final double GEOMETRIC_FLOOR = 1.0;

    private Means() {
    }

    /** Σ wᵢxᵢ / Σ wᵢ: fully compensatory, a strong input makes up for a weak one. */
    public static double arithmetic(double[] values, double[] weights) {
        double total = check(values, weights);
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += weights[i] * values[i];
        }
        return sum / total;
    }

    /**
     * Π xᵢ^(wᵢ/Σw): partly compensatory, a weak input pulls the mean down more than a strong one lifts it. Values
     * are floored at {@link #GEOMETRIC_FLOOR} first.
     */
    public static double geometric(double[] values, double[] weights) {
        double total = check(values, weights);
        double logSum = 0;
        for (int i = 0; i < values.length; i++) {
            logSum += weights[i] * Math.log(Math.max(values[i], GEOMETRIC_FLOOR));
        }
        return Math.exp(logSum / total);
    }

    private static double check(double[] values, double[] weights) {
        if (values.length != weights.length) {
            throw new IllegalArgumentException(values.length + " values but " + weights.length + " weights");
        }
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            Checks.finite(values[i], "value " + i);
            Checks.within(weights[i], 0, Double.MAX_VALUE, "weight " + i);
            total += weights[i];
        }
        if (total <= 0) {
            throw new IllegalArgumentException("weights must add up to more than 0");
        }
        return total;
    }
}
