package io.ballast.server.score.uncertainty;

import java.util.List;

/**
 * A composite index in miniature, shaped like the real one: fixed readings per region and year, three indicator
 * weights, geometric or arithmetic aggregation, and a missing-data rule (no composite, or one over the indicators
 * present). Output {@code year · regions + region}.
 */
final class ToyComposite implements Model {

    static final int GEOMETRIC = 0;
    static final int ARITHMETIC = 1;
    static final int NO_COMPOSITE_WHEN_MISSING = 0;
    static final int PRESENT_ONLY = 1;

    private final double[][] readings;

    /** @param readings per output, one reading per indicator; NaN for a missing one */
    ToyComposite(double[][] readings) {
        this.readings = readings;
    }

    /** Weights 1 ± 50 %, either aggregation, either missing-data rule. */
    static List<Factor> wideFactors() {
        return List.of(Factor.uniform("w0", 0.5, 1.5), Factor.uniform("w1", 0.5, 1.5),
                Factor.uniform("w2", 0.5, 1.5), Factor.choice("aggregation", GEOMETRIC, ARITHMETIC),
                Factor.choice("missing", NO_COMPOSITE_WHEN_MISSING, PRESENT_ONLY));
    }

    /** The plain choices as zero-width ranges: weights 1, geometric, no composite when an indicator is missing. */
    static List<Factor> plainFactors() {
        return List.of(Factor.fixed("w0", 1), Factor.fixed("w1", 1), Factor.fixed("w2", 1),
                Factor.choice("aggregation", GEOMETRIC), Factor.choice("missing", NO_COMPOSITE_WHEN_MISSING));
    }

    static double[] plainValues() {
        return new double[] {1, 1, 1, GEOMETRIC, NO_COMPOSITE_WHEN_MISSING};
    }

    @Override
    public int outputs() {
        return readings.length;
    }

    @Override
    public void evaluate(double[] f, double[] out) {
        boolean geometric = f[3] == GEOMETRIC;
        boolean presentOnly = f[4] == PRESENT_ONLY;
        for (int o = 0; o < readings.length; o++) {
            double weights = 0;
            double sum = 0;
            boolean missing = false;
            for (int i = 0; i < 3; i++) {
                double r = readings[o][i];
                if (Double.isNaN(r)) {
                    missing = true;
                    continue;
                }
                weights += f[i];
                sum += f[i] * (geometric ? Math.log(r) : r);
            }
            if (missing && !presentOnly || weights == 0) {
                out[o] = Double.NaN;
            } else {
                out[o] = geometric ? Math.exp(sum / weights) : sum / weights;
            }
        }
    }
}
