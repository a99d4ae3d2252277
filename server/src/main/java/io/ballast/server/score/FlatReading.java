package io.ballast.server.score;

import java.util.List;
import java.util.Map;

/**
 * One reading of the panel flattened into arrays for the uncertainty analysis, which recomputes it thousands of times:
 * per component its input's index in the model, raw value, plain normalised value and weight, goalposts, lag (years
 * carried) and role (0 untagged, 1 vulnerability, 2 capacity).
 */
record FlatReading(boolean additive, double score, double coverage, double totalWeight, int[] input, double[] raw,
                   double[] normalised, double[] weight, double[] lower, double[] upper, boolean[] higherIsBetter,
                   boolean[] hasGoalposts, int[] lag, byte[] role) {

    /** Flattens {@code s}, giving each of its inputs an index in {@code inputIndex} (new inputs are added). */
    static FlatReading of(String indicator, IndicatorScore s, Map<String, Integer> inputIndex) {
        List<InputScore> c = s.components();
        int n = c.size();
        int[] input = new int[n];
        double[] raw = new double[n];
        double[] normalised = new double[n];
        double[] weight = new double[n];
        double[] lower = new double[n];
        double[] upper = new double[n];
        boolean[] higher = new boolean[n];
        boolean[] has = new boolean[n];
        int[] lag = new int[n];
        byte[] role = new byte[n];
        for (int j = 0; j < n; j++) {
            InputScore x = c.get(j);
            input[j] = inputIndex.computeIfAbsent(indicator + "/" + x.key(), k -> inputIndex.size());
            raw[j] = x.raw();
            normalised[j] = x.normalised();
            weight[j] = x.weight();
            lag[j] = s.period() - x.dataYear();
            role[j] = (byte) ("vulnerability".equals(x.role()) ? 1 : "capacity".equals(x.role()) ? 2 : 0);
            if (x.goalposts() != null) {
                has[j] = true;
                lower[j] = x.goalposts().lower();
                upper[j] = x.goalposts().upper();
                higher[j] = x.goalposts().direction().equals("higher-is-better");
            }
        }
        return new FlatReading(s.additive(), s.score(), s.coverage(), s.totalWeight(), input, raw, normalised, weight,
                lower, upper, higher, has, lag, role);
    }

    /** The inputs this reading has once values carried further than {@code carry} years are dropped, as a bit set. */
    long[] mask(int carry, int words) {
        long[] mask = new long[words];
        for (int j = 0; j < raw.length; j++) {
            if (lag[j] <= carry) {
                mask[input[j] / 64] |= 1L << (input[j] % 64);
            }
        }
        return mask;
    }

    static boolean has(long[] mask, int input) {
        return input / 64 < mask.length && (mask[input / 64] & (1L << (input % 64))) != 0;
    }

    /** The reading's coverage once values carried further than {@code carry} years are dropped. */
    double coverage(int carry) {
        if (totalWeight == 0) {
            return coverage;
        }
        double kept = 0;
        for (int j = 0; j < raw.length; j++) {
            if (lag[j] <= carry) {
                kept += weight[j];
            }
        }
        return kept / totalWeight;
    }

    /**
     * This reading under one draw: {@code f} holds the draw's factors, input weights from {@code weightAt} and
     * goalpost shifts (lower, upper per input) from {@code lowerAt}. Fills each component's drawn weight and
     * normalised value, and {@code out} with the score and the vulnerability and capacity sub-scores (NaN when the
     * reading has no such side); false when the reading has no score in this draw.
     */
    boolean draw(double[] f, int weightAt, int lowerAt, int carry, double minInputCoverage, double[] drawnWeight,
                 double[] drawnNormalised, double[] out) {
        if (!additive) {
            for (int years : lag) {
                if (years > carry) {
                    return false;
                }
            }
            out[0] = score;
            out[1] = Double.NaN;
            out[2] = Double.NaN;
            return true;
        }
        if (coverage(carry) < minInputCoverage) {
            return false;
        }
        double[] sums = new double[6]; // all, vulnerability, capacity: weighted sum and weight each
        for (int j = 0; j < raw.length; j++) {
            if (lag[j] > carry) {
                continue;
            }
            double w = weight[j] * f[weightAt + input[j]];
            double n = hasGoalposts[j] ? normalise(j, f[lowerAt + 2 * input[j]], f[lowerAt + 2 * input[j] + 1])
                    : normalised[j];
            drawnWeight[j] = w;
            drawnNormalised[j] = n;
            sums[0] += w * n;
            sums[1] += w;
            if (role[j] > 0) {
                sums[2 * role[j]] += w * n;
                sums[2 * role[j] + 1] += w;
            }
        }
        if (sums[1] == 0) {
            return false;
        }
        // as published: indicator scores and sub-scores at 2 decimals (the composite combines those), clamped to 0-100
        out[0] = Numbers.round(Math.min(100, Math.max(0, sums[0] / sums[1])));
        out[1] = sums[3] == 0 ? Double.NaN : 100 - Numbers.round(100 - sums[2] / sums[3]);
        out[2] = sums[5] == 0 ? Double.NaN : Numbers.round(sums[4] / sums[5]);
        return true;
    }

    /** Component {@code j} normalised between its goalposts moved by these shares of their range. */
    private double normalise(int j, double lowerShift, double upperShift) {
        double range = upper[j] - lower[j];
        double low = lower[j] + lowerShift * range;
        double high = upper[j] + upperShift * range;
        double share = (Math.min(Math.max(raw[j], low), high) - low) / (high - low);
        return 100 * (higherIsBetter[j] ? share : 1 - share);
    }
}
