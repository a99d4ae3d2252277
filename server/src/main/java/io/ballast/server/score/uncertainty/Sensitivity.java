package io.ballast.server.score.uncertainty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Variance;

/**
 * Sobol indices from a Saltelli design (of factors, or of groups of factors), for one output over the base rows where
 * every run of the row is defined:
 * <ul>
 *   <li>first order, Saltelli (2010): S_i = mean(f(B) · (f(A_B^i) − f(A))) / V;</li>
 *   <li>total effect, Jansen (1999): S_Ti = mean((f(A) − f(A_B^i))²) / (2V);</li>
 * </ul>
 * with V the population variance of f over the rows of A and B together. f(B) in the first-order numerator is
 * centred on the mean of those same values: E[f(A_B^i) − f(A)] = 0, so the centring leaves the estimator's
 * expectation as it is, and it removes the noise (and the cancellation) an output's mean adds otherwise: composites
 * sit around 50 and move by a few points.
 */
final class Sensitivity {

    private Sensitivity() {
    }

    static SobolIndices indices(Draws draws, int output) {
        int k = draws.groups().size();
        int[] rows = completeRows(draws, output, k);
        int m = rows.length;
        double[] ab = new double[2 * m];
        for (int r = 0; r < m; r++) {
            ab[r] = draws.a(output, rows[r]);
            ab[m + r] = draws.b(output, rows[r]);
        }
        double mean = m == 0 ? Double.NaN : new Mean().evaluate(ab, 0, 2 * m);
        double variance = m == 0 ? Double.NaN : new Variance(false).evaluate(ab, mean, 0, 2 * m);
        List<SobolIndices.Effect> effects = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            double first = 0;
            double total = 0;
            for (int r = 0; r < m; r++) {
                double a = ab[r];
                double b = ab[m + r];
                double abi = draws.ab(output, i, rows[r]);
                first += (b - mean) * (abi - a);
                total += (a - abi) * (a - abi);
            }
            boolean defined = m > 0 && variance > 0;
            effects.add(new SobolIndices.Effect(draws.groups().get(i),
                    defined ? first / m / variance : Double.NaN,
                    defined ? total / m / (2 * variance) : Double.NaN));
        }
        return new SobolIndices(m, variance, effects);
    }

    /** The base rows where f(A), f(B) and every f(A_B^i) are defined: the same rows for every index and for V. */
    private static int[] completeRows(Draws draws, int output, int k) {
        int[] rows = new int[draws.baseSamples()];
        int m = 0;
        for (int j = 0; j < draws.baseSamples(); j++) {
            boolean complete = !Double.isNaN(draws.a(output, j)) && !Double.isNaN(draws.b(output, j));
            for (int i = 0; complete && i < k; i++) {
                complete = !Double.isNaN(draws.ab(output, i, j));
            }
            if (complete) {
                rows[m++] = j;
            }
        }
        return Arrays.copyOf(rows, m);
    }
}
