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
    record Cell(String region, int year, FlatReading[] readings) {
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
            FlatReading[] readings = new FlatReading[indicators.size()];
            for (int i = 0; i < indicators.size(); i++) {
                readings[i] = FlatReading.of(indicators.get(i), c.readings().get(indicators.get(i)), inputIndex);
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
                    masks[c][i][carry] = built.get(c).readings()[i].mask(carry, words);
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

    private final ThreadLocal<DrawScratch> scratch = ThreadLocal.withInitial(this::newScratch);

    private DrawScratch newScratch() {
        return new DrawScratch(cells, indicators.size(), words);
    }

    /**
     * Fills, per cell, the composite, the vulnerability and capacity sub-indices, and the comparable composite the
     * ranks rest on: each reading recomputed on the inputs every cell of the same year has (like for like, as the
     * plain ranks are), NaN for the whole year when too little is left in common.
     */
    @Override
    public void evaluate(double[] f, double[] out) {
        DrawScratch s = scratch.get();
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
            FlatReading[] readings = cells.get(c).readings();
            double covered = 0;
            double total = 0;
            boolean complete = true;
            for (int i = 0; i < k && complete; i++) {
                FlatReading r = readings[i];
                complete = r.draw(f, weightAt, lowerAt, carry, minInputCoverage, s.weight[c][i], s.normalised[c][i],
                        s.sides);
                s.score[c][i] = s.sides[0];
                s.vulnerable[c][i] = s.sides[1];
                s.capable[c][i] = s.sides[2];
                covered += baseIndicatorWeights[i] * (complete ? r.coverage(carry) : 0);
                total += baseIndicatorWeights[i];
            }
            s.complete[c] = complete && total > 0 && covered / total >= minCoverage;
            if (!s.complete[c]) {
                out[c] = Double.NaN;
                out[n + c] = Double.NaN;
                out[2 * n + c] = Double.NaN;
                continue;
            }
            out[c] = Numbers.round(Aggregate.combine(method, s.score[c], s.w, k));
            out[n + c] = Numbers.round(Aggregate.side(method, s.vulnerable[c], s.w, k, true));
            out[2 * n + c] = Numbers.round(Aggregate.side(method, s.capable[c], s.w, k, false));
        }
        for (int[] year : years) {
            comparable(year, carry, method, s, out);
        }
    }

    /** The comparable composites of one year's cells (indices into {@link #cells}), into the fourth block. */
    private void comparable(int[] year, int carry, CompositeMethod method, DrawScratch s, double[] out) {
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
                FlatReading r = cells.get(c).readings()[i];
                double sum = 0;
                double weights = 0;
                double kept = 0;
                boolean all = true;
                for (int j = 0; j < r.raw().length; j++) {
                    if (r.lag()[j] > carry) {
                        continue;
                    }
                    if (!FlatReading.has(common[i], r.input()[j])) {
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
            out[3 * n + c] = Aggregate.combine(method, s.comparable, s.w, k);
        }
    }
}
