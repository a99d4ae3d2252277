package io.ballast.server.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Combines a year's indicator readings into the composite. Every expected indicator must have a reading: a missing one
 * is never dropped and the rest re-averaged (that would stand the mean of the others in for it, Handbook step 3), so
 * the composite is withheld and says which indicator lacks a reading and why. The inputs present (or carried) must
 * also carry at least the configured share of all input weight, weighted by the indicators' weights.
 */
final class Composite {

    private final Aggregation aggregation;
    private final double minCoverage;

    Composite(Aggregation aggregation, double minCoverage) {
        this.aggregation = aggregation;
        this.minCoverage = minCoverage;
    }

    /**
     * @param readings the year's readings, scored or withheld
     * @param loaded   the ids of every indicator expected (started or failed), in order
     */
    CompositeScore combine(int year, List<IndicatorScore> readings, List<String> loaded) {
        // an indicator weighted 0 is shown but not combined, so it is not required either
        List<String> expected = loaded.stream().filter(id -> aggregation.weight(id) > 0).toList();
        Map<String, IndicatorScore> byId = LikeForLike.byId(readings);
        double totalWeight = 0;
        double coveredWeight = 0;
        List<String> missing = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (String id : expected) {
            double weight = aggregation.weight(id);
            totalWeight += weight;
            IndicatorScore s = byId.get(id);
            if (s == null || !s.scored()) {
                missing.add(id);
                reasons.add(id + " has no reading (" + (s == null ? "not measured" : s.withheld()) + ")");
            } else {
                coveredWeight += weight * s.coverage();
            }
        }
        double coverage = totalWeight == 0 ? 0 : Numbers.round(coveredWeight / totalWeight, 4);
        Map<String, String> vintages = new TreeMap<>();
        readings.stream().filter(IndicatorScore::scored).forEach(s -> vintages.putAll(s.vintages()));
        if (expected.isEmpty() || totalWeight == 0) {
            return withheld(coverage, expected, missing, "no indicator with a weight above 0 is loaded", vintages);
        }
        if (!missing.isEmpty()) {
            return withheld(coverage, expected, missing, "no composite in " + year + ": " + String.join("; ",
                    reasons), vintages);
        }
        if (coverage < minCoverage) {
            return withheld(coverage, expected, missing, String.format(Locale.ROOT, "no composite in %d: the inputs "
                    + "present carry %.0f%% of the input weight, below the %.0f%% a composite needs", year,
                    100 * coverage, 100 * minCoverage), vintages);
        }
        double score = aggregation.combine(expected, id -> byId.get(id).score());
        return new CompositeScore(Numbers.round(score), aggregation.name(), coverage, expected, List.of(),
                basket(expected, byId), subindices(expected, byId), null, null, List.of(), null, vintages);
    }

    private CompositeScore withheld(double coverage, List<String> expected, List<String> missing, String reason,
                                    Map<String, String> vintages) {
        return new CompositeScore(null, aggregation.name(), coverage, expected, missing,
                new Basket(List.of(), List.of(), List.of()), Subscores.NONE, null, null, List.of(), reason, vintages);
    }

    /** Every indicator's inputs used, carried and missing, with keys qualified as {@code indicator/input}. */
    private static Basket basket(List<String> ids, Map<String, IndicatorScore> byId) {
        List<String> used = new ArrayList<>();
        List<Basket.Carried> carried = new ArrayList<>();
        List<Basket.Missing> missing = new ArrayList<>();
        for (String id : ids) {
            Basket b = byId.get(id).basket();
            b.used().forEach(k -> used.add(id + "/" + k));
            b.carried().forEach(c -> carried.add(new Basket.Carried(id + "/" + c.key(), c.dataYear())));
            b.missing().forEach(m -> missing.add(new Basket.Missing(id + "/" + m.key(), m.label())));
        }
        return new Basket(used, carried, missing);
    }

    /**
     * The vulnerability and capacity sub-indices: each indicator's vulnerability (or capacity) inputs averaged, then
     * combined across the indicators that have such inputs with the composite's weights and method, in the resilience
     * direction (vulnerability is reported as 100 minus that, so higher means more vulnerable).
     */
    Subscores subindices(List<String> ids, Map<String, IndicatorScore> byId) {
        return new Subscores(side(ids, byId, "vulnerability", s -> s.subscores().vulnerability() == null ? null
                        : 100 - s.subscores().vulnerability(), true),
                side(ids, byId, "capacity", s -> s.subscores().capacity(), false));
    }

    private Double side(List<String> ids, Map<String, IndicatorScore> byId, String role,
                        Function<IndicatorScore, Double> resilience, boolean invert) {
        List<String> having = ids.stream().filter(id -> resilience.apply(byId.get(id)) != null).toList();
        if (having.isEmpty()) {
            return null;
        }
        double combined = aggregation.combine(having, id -> resilience.apply(byId.get(id)));
        return Double.isNaN(combined) ? null : Numbers.round(invert ? 100 - combined : combined);
    }

    /** A reading's own vulnerability and capacity sub-scores, from its tagged components. */
    static Subscores subscores(List<InputScore> components) {
        List<InputScore> vulnerable = components.stream().filter(c -> "vulnerability".equals(c.role())).toList();
        List<InputScore> capable = components.stream().filter(c -> "capacity".equals(c.role())).toList();
        Double v = vulnerable.isEmpty() ? null
                : 100 - Numbers.weightedMean(vulnerable, InputScore::normalised, InputScore::weight);
        Double c = capable.isEmpty() ? null : Numbers.weightedMean(capable, InputScore::normalised, InputScore::weight);
        return new Subscores(v == null || v.isNaN() ? null : Numbers.round(v),
                c == null || c.isNaN() ? null : Numbers.round(c));
    }
}
