package io.ballast.server.score;

import io.ballast.api.Means;
import io.ballast.server.config.BallastConfig.CompositeMethod;

/** The composite's aggregation over plain arrays, for the uncertainty analysis's hot loop. */
final class Aggregate {

    private Aggregate() {
    }

    /** The weighted geometric or arithmetic mean of the first {@code k} values; NaN when no weight is above 0. */
    static double combine(CompositeMethod method, double[] values, double[] weights, int k) {
        double sum = 0;
        double total = 0;
        for (int i = 0; i < k; i++) {
            if (weights[i] <= 0) {
                continue;
            }
            sum += weights[i] * (method == CompositeMethod.GEOMETRIC ? Math.log(Math.max(values[i],
                    Means.GEOMETRIC_FLOOR)) : values[i]);
            total += weights[i];
        }
        if (total == 0) {
            return Double.NaN;
        }
        return method == CompositeMethod.GEOMETRIC ? Math.exp(sum / total) : sum / total;
    }

    /** A sub-index in the resilience direction, over the indicators that have that side; vulnerability inverted. */
    static double side(CompositeMethod method, double[] values, double[] weights, int k, boolean invert) {
        double[] v = new double[k];
        double[] w = new double[k];
        int m = 0;
        for (int i = 0; i < k; i++) {
            if (!Double.isNaN(values[i]) && weights[i] > 0) {
                v[m] = values[i];
                w[m] = weights[i];
                m++;
            }
        }
        if (m == 0) {
            return Double.NaN;
        }
        double combined = combine(method, v, w, m);
        return invert ? 100 - combined : combined;
    }
}
