package io.ballast.server.score;

import io.ballast.server.config.BallastConfig.CompositeMethod;
import io.ballast.server.score.uncertainty.Factor;
import io.ballast.server.score.uncertainty.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The composites of a panel recomputed under other choices an analyst could defensibly make: indicator weights, input
 * weights, goalposts, the aggregation and how far values may be carried forward. Built once from the readings (their
 * raw values, goalposts, weights and lags), then evaluated thousands of times without touching a plugin: each
 * additive reading is recomputed from its components, a reading that does not decompose keeps its score. Outputs come
 * in four blocks of one value per cell (a region and year that has a composite): the composite, the vulnerability and
 * the capacity sub-indices, and the comparable composite ranks rest on; a draw that leaves a cell without a composite
 * gives NaN there.
 */
final class PanelModel implements Model {

    /** The analyst's choices the factors belong to, in the order of their sensitivity indices. */
    static final List<String> CHOICES = List.of("indicator weights", "input weights", "goalposts", "aggregation",
            "missing-data rule");

    private final List<Cell> cells;
    private final List<int[]> years;
    /** Per cell and indicator, the inputs present for each carry-forward rule (0 to 10 years), as bit sets. */
    private final long[][][][] masks;
    private final int words;
    private final List<String> indicators;
    private final Map<String, Integer> inputIndex = new LinkedHashMap<>();
    private final List<Factor> factors = new ArrayList<>();
    private final List<Integer> choiceOf = new ArrayList<>();
    private final double minInputCoverage;
    private final double minCoverage;
    private final double[] baseIndicatorWeights;
    private final List<CompositeMethod> aggregations;

    /** A region and year with a composite, and its readings in indicator order. */
    record Cell(String region, int year, Reading[] readings) {
    }

    /** One reading, flattened for speed. */
    record Reading(boolean additive, double score, double coverage, double totalWeight, int[] input, double[] raw,
                   double[] normalised, double[] weight, double[] lower, double[] upper, boolean[] higherIsBetter,
                   boolean[] hasGoalposts, int[] lag, byte[] role) {
    }

    /**
     * @param cells      the cells to model, from the panel
     * @param indicators the composite's indicators, in order
     * @param weights    the configured weight of each indicator, in the same order
     * @param ranges     how far each choice may move
     */
    PanelModel(List<YearCell> cells, List<String> indicators, double[] weights, UncertaintyRanges ranges,
               double minInputCoverage, double minCoverage) {
        this.indicators = List.copyOf(indicators);
        this.minInputCoverage = minInputCoverage;
        this.minCoverage = minCoverage;
        this.baseIndicatorWeights = weights.clone();
        this.aggregations = ranges.aggregations();
        for (String id : indicators) {
            add(Factor.uniform("weight " + id, 1 - ranges.indicatorWeights(), 1 + ranges.indicatorWeights()), 0);
        }
        List<Cell> built = new ArrayList<>();
        for (YearCell c : cells) {
            Reading[] readings = new Reading[indicators.size()];
            for (int i = 0; i < indicators.size(); i++) {
                readings[i] = flatten(indicators.get(i), c.readings().get(indicators.get(i)));
            }
            built.add(new Cell(c.region(), c.year(), readings));
        }
        this.cells = List.copyOf(built);
        Map<Integer, List<Integer>> byYear = new java.util.TreeMap<>();
        for (int c = 0; c < built.size(); c++) {
            byYear.computeIfAbsent(built.get(c).year(), y -> new ArrayList<>()).add(c);
        }
        this.years = byYear.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toList();
        this.words = Math.max(1, (inputIndex.size() + 63) / 64);
        this.masks = new long[built.size()][indicators.size()][11][];
        for (int c = 0; c < built.size(); c++) {
            for (int i = 0; i < indicators.size(); i++) {
                for (int carry = 0; carry <= 10; carry++) {
                    masks[c][i][carry] = mask(built.get(c).readings()[i], carry);
                }
            }
        }
        for (String input : inputIndex.keySet()) {
            add(Factor.uniform("input weight " + input, 1 - ranges.inputWeights(), 1 + ranges.inputWeights()), 1);
        }
        for (String input : inputIndex.keySet()) {
            add(Factor.uniform("lower goalpost " + input, -ranges.goalposts(), ranges.goalposts()), 2);
            add(Factor.uniform("upper goalpost " + input, -ranges.goalposts(), ranges.goalposts()), 2);
        }
        add(Factor.choice("aggregation", java.util.stream.IntStream.range(0, aggregations.size())
                .asDoubleStream().toArray()), 3);
        add(Factor.choice("carry-forward years", ranges.carryForwardYears().stream().mapToDouble(y -> y).toArray()),
                4);
    }

    /** A cell's readings by indicator id, from the panel. */
    record YearCell(String region, int year, Map<String, IndicatorScore> readings) {
    }

    private void add(Factor factor, int choice) {
        factors.add(factor);
        choiceOf.add(choice);
    }

    private Reading flatten(String indicator, IndicatorScore s) {
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
        return new Reading(s.additive(), s.score(), s.coverage(), s.totalWeight(), input, raw, normalised, weight,
                lower, upper, higher, has, lag, role);
    }

    /** The factors, in the order {@link #evaluate} reads them. */
    List<Factor> factors() {
        return List.copyOf(factors);
    }

    /** For each factor, the index of its choice in {@link #CHOICES}. */
    int[] choiceOf() {
        return choiceOf.stream().mapToInt(Integer::intValue).toArray();
    }

    List<Cell> cells() {
        return cells;
    }

    @Override
    public int outputs() {
        return 4 * cells.size();
    }

    /** Per thread: each cell's indicator scores and each component's weight and normalised value in this draw. */
    private final class Scratch {
        final double[][] score = new double[cells.size()][indicators.size()];
        final double[][] vulnerable = new double[cells.size()][indicators.size()];
        final double[][] capable = new double[cells.size()][indicators.size()];
        final boolean[] complete = new boolean[cells.size()];
        final double[][][] weight = new double[cells.size()][indicators.size()][];
        final double[][][] normalised = new double[cells.size()][indicators.size()][];
        final double[] w = new double[indicators.size()];
        final double[] comparable = new double[indicators.size()];
        final long[][] common = new long[indicators.size()][words];

        Scratch() {
            for (int c = 0; c < cells.size(); c++) {
                for (int i = 0; i < indicators.size(); i++) {
                    int n = cells.get(c).readings()[i].raw().length;
                    weight[c][i] = new double[n];
                    normalised[c][i] = new double[n];
                }
            }
        }
    }

    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /**
     * Fills, per cell, the composite, the vulnerability and capacity sub-indices, and the comparable composite the
     * ranks rest on: each reading recomputed on the inputs every cell of the same year has (like for like, as the
     * plain ranks are), NaN for the whole year when too little is left in common.
     */
    @Override
    public void evaluate(double[] f, double[] out) {
        Scratch s = scratch.get();
        int inputs = inputIndex.size();
        int weightAt = indicators.size();
        int lowerAt = weightAt + inputs;
        CompositeMethod method = aggregations.get((int) f[lowerAt + 2 * inputs]);
        int carry = (int) f[lowerAt + 2 * inputs + 1];
        int k = indicators.size();
        int n = cells.size();
        for (int i = 0; i < k; i++) {
            s.w[i] = baseIndicatorWeights[i] * f[i];
        }
        for (int c = 0; c < n; c++) {
            Reading[] readings = cells.get(c).readings();
            double covered = 0;
            double total = 0;
            boolean complete = true;
            for (int i = 0; i < k && complete; i++) {
                Reading r = readings[i];
                complete = measure(r, f, weightAt, lowerAt, carry, s, c, i);
                covered += baseIndicatorWeights[i] * (complete ? coverage(r, carry) : 0);
                total += baseIndicatorWeights[i];
            }
            s.complete[c] = complete && total > 0 && covered / total >= minCoverage;
            if (!s.complete[c]) {
                out[c] = Double.NaN;
                out[n + c] = Double.NaN;
                out[2 * n + c] = Double.NaN;
                continue;
            }
            out[c] = Numbers.round(combine(method, s.score[c], s.w, k));
            out[n + c] = Numbers.round(side(method, s.vulnerable[c], s.w, k, true));
            out[2 * n + c] = Numbers.round(side(method, s.capable[c], s.w, k, false));
        }
        for (int[] year : years) {
            comparable(year, carry, method, s, out);
        }
    }

    /** The comparable composites of one year's cells (indices into {@link #cells}), into the fourth block. */
    private void comparable(int[] year, int carry, CompositeMethod method, Scratch s, double[] out) {
        int n = cells.size();
        int k = indicators.size();
        int ranked = 0;
        for (int c : year) {
            out[3 * n + c] = Double.NaN;
            ranked += s.complete[c] ? 1 : 0;
        }
        if (ranked < 2) {
            return;
        }
        long[][] common = s.common;
        for (int i = 0; i < k; i++) {
            java.util.Arrays.fill(common[i], -1L);
            for (int c : year) {
                if (s.complete[c]) {
                    long[] mask = masks[c][i][carry];
                    for (int x = 0; x < words; x++) {
                        common[i][x] &= mask[x];
                    }
                }
            }
        }
        for (int c : year) {
            if (!s.complete[c]) {
                continue;
            }
            for (int i = 0; i < k; i++) {
                Reading r = cells.get(c).readings()[i];
                double sum = 0;
                double weights = 0;
                double kept = 0;
                boolean all = true;
                for (int j = 0; j < r.raw().length; j++) {
                    if (r.lag()[j] > carry) {
                        continue;
                    }
                    if (!has(common[i], r.input()[j])) {
                        all = false;
                        continue;
                    }
                    sum += s.weight[c][i][j] * s.normalised[c][i][j];
                    weights += s.weight[c][i][j];
                    kept += r.weight()[j];
                }
                boolean enough = r.totalWeight() == 0 || kept / r.totalWeight() >= minInputCoverage;
                if (!r.additive() && !all || weights == 0 || !enough) {
                    for (int other : year) {
                        out[3 * n + other] = Double.NaN;
                    }
                    return;
                }
                s.comparable[i] = r.additive() ? Math.min(100, Math.max(0, sum / weights)) : r.score();
            }
            out[3 * n + c] = combine(method, s.comparable, s.w, k);
        }
    }

    /** The inputs a reading has once values carried further than {@code carry} years are dropped, as a bit set. */
    private long[] mask(Reading r, int carry) {
        long[] mask = new long[words];
        for (int j = 0; j < r.raw().length; j++) {
            if (r.lag()[j] <= carry) {
                mask[r.input()[j] / 64] |= 1L << (r.input()[j] % 64);
            }
        }
        return mask;
    }

    private static boolean has(long[] mask, int input) {
        return input / 64 < mask.length && (mask[input / 64] & (1L << (input % 64))) != 0;
    }

    /** One reading under the draw, into the scratch; false when it has no reading in this draw. */
    private boolean measure(Reading r, double[] f, int weightAt, int lowerAt, int carry, Scratch s, int c, int i) {
        if (!r.additive()) {
            for (int lag : r.lag()) {
                if (lag > carry) {
                    return false;
                }
            }
            s.score[c][i] = r.score();
            s.vulnerable[c][i] = Double.NaN;
            s.capable[c][i] = Double.NaN;
            return true;
        }
        if (coverage(r, carry) < minInputCoverage) {
            return false;
        }
        double sum = 0;
        double weights = 0;
        double vSum = 0;
        double vWeights = 0;
        double cSum = 0;
        double cWeights = 0;
        for (int j = 0; j < r.raw().length; j++) {
            if (r.lag()[j] > carry) {
                continue;
            }
            int input = r.input()[j];
            double weight = r.weight()[j] * f[weightAt + input];
            double n = r.normalised()[j];
            if (r.hasGoalposts()[j]) {
                double range = r.upper()[j] - r.lower()[j];
                double lower = r.lower()[j] + f[lowerAt + 2 * input] * range;
                double upper = r.upper()[j] + f[lowerAt + 2 * input + 1] * range;
                double share = (Math.min(Math.max(r.raw()[j], lower), upper) - lower) / (upper - lower);
                n = 100 * (r.higherIsBetter()[j] ? share : 1 - share);
            }
            s.weight[c][i][j] = weight;
            s.normalised[c][i][j] = n;
            sum += weight * n;
            weights += weight;
            if (r.role()[j] == 1) {
                vSum += weight * n;
                vWeights += weight;
            } else if (r.role()[j] == 2) {
                cSum += weight * n;
                cWeights += weight;
            }
        }
        if (weights == 0) {
            return false;
        }
        // as published: indicator scores and sub-scores at 2 decimals (the composite combines those), clamped to 0-100
        s.score[c][i] = Numbers.round(Math.min(100, Math.max(0, sum / weights)));
        s.vulnerable[c][i] = vWeights == 0 ? Double.NaN : 100 - Numbers.round(100 - vSum / vWeights);
        s.capable[c][i] = cWeights == 0 ? Double.NaN : Numbers.round(cSum / cWeights);
        return true;
    }

    /** The reading's coverage once values carried further than {@code carry} years are dropped. */
    private static double coverage(Reading r, int carry) {
        if (r.totalWeight() == 0) {
            return r.coverage();
        }
        double kept = 0;
        for (int j = 0; j < r.raw().length; j++) {
            if (r.lag()[j] <= carry) {
                kept += r.weight()[j];
            }
        }
        return kept / r.totalWeight();
    }

    private static double combine(CompositeMethod method, double[] values, double[] weights, int k) {
        double sum = 0;
        double total = 0;
        for (int i = 0; i < k; i++) {
            if (weights[i] <= 0) {
                continue;
            }
            sum += weights[i] * (method == CompositeMethod.GEOMETRIC ? Math.log(Math.max(values[i],
                    io.ballast.api.Means.GEOMETRIC_FLOOR)) : values[i]);
            total += weights[i];
        }
        if (total == 0) {
            return Double.NaN;
        }
        return method == CompositeMethod.GEOMETRIC ? Math.exp(sum / total) : sum / total;
    }

    /** A sub-index in the resilience direction, over the indicators that have that side; vulnerability inverted. */
    private static double side(CompositeMethod method, double[] values, double[] weights, int k, boolean invert) {
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
