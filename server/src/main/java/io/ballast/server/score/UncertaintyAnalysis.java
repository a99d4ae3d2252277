package io.ballast.server.score;

import io.ballast.server.score.uncertainty.Band;
import io.ballast.server.score.uncertainty.Convergence;
import io.ballast.server.score.uncertainty.Draws;
import io.ballast.server.score.uncertainty.MonteCarlo;
import io.ballast.server.score.uncertainty.RankInterval;
import io.ballast.server.score.uncertainty.SaltelliDesign;
import io.ballast.server.score.uncertainty.SobolIndices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Handbook step 7 on a panel: a Monte Carlo over the choices an analyst could defensibly make ({@link PanelModel}),
 * on a Saltelli design of a Sobol sequence with a fixed start, so the same data and config give the same results.
 * Gives every composite (and sub-index) a band, with the share of draws in which it exists at all; every region-year
 * a rank interval among the regions with a composite that year; and each region's latest composite the Sobol
 * indices of each choice. Blocks: run it off the event loop.
 */
public final class UncertaintyAnalysis {

    private final MonteCarlo monteCarlo;

    public UncertaintyAnalysis(MonteCarlo monteCarlo) {
        this.monteCarlo = monteCarlo;
    }

    /**
     * @param years       every region's computed years, in the configured regions' order
     * @param weights     the configured weight of an indicator (1 when not named)
     */
    public UncertaintyResult run(long version, Map<String, List<YearScores>> years,
                          java.util.function.ToDoubleFunction<String> weights, UncertaintyRanges ranges,
                          int carryForwardYears, double minInputCoverage, double minCoverage) {
        return run(version, years, weights, ranges, carryForwardYears, minInputCoverage, minCoverage, () -> false);
    }

    /**
     * As above; once {@code abandoned} says so the run stops, in a model evaluation or between the steps after them
     * (bands, rank intervals, Sobol indices, convergence), and throws: its result would be of scores that have changed
     * since, and a change waits for the cores it holds.
     */
    public UncertaintyResult run(long version, Map<String, List<YearScores>> years,
                          java.util.function.ToDoubleFunction<String> weights, UncertaintyRanges ranges,
                          int carryForwardYears, double minInputCoverage, double minCoverage,
                          BooleanSupplier abandoned) {
        long started = System.nanoTime();
        List<PanelModel.YearCell> cells = new ArrayList<>();
        List<String> indicators = null;
        for (var region : years.entrySet()) {
            for (YearScores y : region.getValue()) {
                if (!y.composite().scored()) {
                    continue;
                }
                if (indicators == null) {
                    indicators = y.composite().indicators();
                }
                if (y.composite().indicators().equals(indicators)) {
                    cells.add(new PanelModel.YearCell(region.getKey(), y.period(),
                            LikeForLike.byId(y.indicators())));
                }
            }
        }
        if (cells.isEmpty()) {
            return UncertaintyResult.empty(version, ranges.samples());
        }
        double[] w = indicators.stream().mapToDouble(weights).toArray();
        PanelModel all = new PanelModel(cells, indicators, w, ranges, minInputCoverage, minCoverage);
        SaltelliDesign design = design(all, ranges.samples());
        Draws draws = monteCarlo.uncertainty(new Abandonable(all, abandoned), design);
        Abandonable.stopIf(abandoned);
        List<Band> bands = draws.bands();
        Abandonable.stopIf(abandoned);
        Map<String, Map<Integer, UncertaintyResult.CellResult>> results = cellResults(all, draws, bands);
        Abandonable.stopIf(abandoned);

        // the missing-data rule decides whether a composite exists at all, which indices over defined draws cannot see
        // (and which leaves few complete rows): its effect is the share of draws that define the composite; the
        // indices of the other choices are taken with the configured rule
        List<PanelModel.YearCell> latest = latestCells(cells);
        UncertaintyRanges configuredRule = new UncertaintyRanges(ranges.indicatorWeights(), ranges.inputWeights(),
                ranges.goalposts(), ranges.aggregations(), List.of(carryForwardYears), ranges.samples());
        PanelModel last = new PanelModel(latest, indicators, w, configuredRule, minInputCoverage, minCoverage);
        Draws sensitivityDraws = monteCarlo.sensitivity(new Abandonable(last, abandoned),
                design(last, ranges.samples()));
        Map<String, UncertaintyResult.Sensitivity> sensitivity = new LinkedHashMap<>();
        for (int c = 0; c < latest.size(); c++) {
            Abandonable.stopIf(abandoned);
            SobolIndices indices = sensitivityDraws.sensitivity(c);
            sensitivity.put(latest.get(c).region(), new UncertaintyResult.Sensitivity(latest.get(c).year(),
                    indices.rows(), indices.variance(), indices.effects()));
        }
        Abandonable.stopIf(abandoned);
        // the composites' convergence (the first block of outputs), from their bands at N worked out above
        List<Convergence> convergence = draws.convergence(bands.subList(0, all.cells().size()));
        double p5 = 0;
        double p95 = 0;
        for (Convergence c : convergence) {
            p5 = Math.max(p5, Double.isNaN(c.p5Shift()) ? 0 : c.p5Shift());
            p95 = Math.max(p95, Double.isNaN(c.p95Shift()) ? 0 : c.p95Shift());
        }
        return new UncertaintyResult(version, results, sensitivity, ranges.samples(), draws.draws(), p5, p95,
                Instant.now(), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * A design whose sensitivity indices are those of the choices the model varies; the factors of a choice held fixed
     * (a zero-width range, a single option) ride along with the first varied choice, where swapping them changes
     * nothing.
     */
    private static SaltelliDesign design(PanelModel model, int samples) {
        int[] choiceOf = model.choiceOf();
        List<io.ballast.server.score.uncertainty.Factor> factors = model.factors();
        boolean[] varied = new boolean[PanelModel.CHOICES.size()];
        for (int f = 0; f < factors.size(); f++) {
            varied[choiceOf[f]] |= !factors.get(f).isFixed();
        }
        List<String> present = new ArrayList<>();
        int[] index = new int[varied.length];
        for (int c = 0; c < varied.length; c++) {
            index[c] = varied[c] ? present.size() : -1;
            if (varied[c]) {
                present.add(PanelModel.CHOICES.get(c));
            }
        }
        if (present.isEmpty()) {
            present.add(PanelModel.CHOICES.get(0));
        }
        int[] groups = new int[choiceOf.length];
        for (int f = 0; f < choiceOf.length; f++) {
            groups[f] = Math.max(0, index[choiceOf[f]]);
        }
        return new SaltelliDesign(factors, present, groups, samples, 0);
    }

    private static Map<String, Map<Integer, UncertaintyResult.CellResult>> cellResults(PanelModel model,
                                                                                     Draws draws, List<Band> bands) {
        List<PanelModel.Cell> cells = model.cells();
        int n = cells.size();
        // ranks rest on the comparable composites (the fourth block): like for like, as the plain ranks are
        Map<Integer, List<Integer>> byYear = new TreeMap<>();
        for (int c = 0; c < n; c++) {
            byYear.computeIfAbsent(cells.get(c).year(), y -> new ArrayList<>()).add(3 * n + c);
        }
        List<List<Integer>> groups = new ArrayList<>(byYear.values());
        List<List<RankInterval>> ranks = draws.rankIntervals(groups);
        Map<Integer, RankInterval> rankOf = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            for (int m = 0; m < groups.get(g).size(); m++) {
                rankOf.put(groups.get(g).get(m) - 3 * n, ranks.get(g).get(m));
            }
        }
        Map<String, Map<Integer, UncertaintyResult.CellResult>> out = new LinkedHashMap<>();
        for (int c = 0; c < n; c++) {
            PanelModel.Cell cell = cells.get(c);
            out.computeIfAbsent(cell.region(), r -> new TreeMap<>()).put(cell.year(),
                    new UncertaintyResult.CellResult(bands.get(c), bands.get(n + c), bands.get(2 * n + c),
                            rankOf.get(c), byYear.get(cell.year()).size()));
        }
        return out;
    }

    private static List<PanelModel.YearCell> latestCells(List<PanelModel.YearCell> cells) {
        Map<String, PanelModel.YearCell> latest = new LinkedHashMap<>();
        cells.forEach(c -> latest.merge(c.region(), c, (a, b) -> a.year() >= b.year() ? a : b));
        return List.copyOf(latest.values());
    }
}
