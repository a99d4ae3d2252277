package io.ballast.server.score;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Readings recomputed on a chosen set of inputs, so that two years (or two economies) are compared on the same basket:
 * an input present at one end only is left out of both, never silently replaced by the mean of the others. A reading
 * can be recomputed only when it is additive (its score is the weighted mean of its components); one that is not can
 * be compared only when both ends used the very same inputs.
 */
final class LikeForLike {

    private LikeForLike() {
    }

    /** The keys of the inputs a reading used. */
    static Set<String> keys(IndicatorScore s) {
        return s.components().stream().map(InputScore::key).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The share of a reading's whole basket weight that the inputs in {@code keys} carry. */
    static double share(IndicatorScore s, Set<String> keys) {
        double total = s.totalWeight();
        double kept = s.components().stream().filter(c -> keys.contains(c.key())).mapToDouble(InputScore::weight).sum();
        return total == 0 ? 0 : kept / total;
    }

    /**
     * The reading's score on the inputs in {@code keys}: the weighted mean of their normalised values when it is
     * additive (computed the same way whichever inputs are kept, so two comparisons agree to the last digit), its own
     * score when it is not and those are all it used, empty otherwise (or when none of them is present).
     */
    static Optional<Double> on(IndicatorScore s, Set<String> keys) {
        if (!s.scored()) {
            return Optional.empty();
        }
        if (!s.additive()) {
            return keys.equals(keys(s)) ? Optional.of(s.score()) : Optional.empty();
        }
        List<InputScore> kept = s.components().stream().filter(c -> keys.contains(c.key())).toList();
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        double mean = Numbers.weightedMean(kept, InputScore::normalised, InputScore::weight);
        return Double.isNaN(mean) ? Optional.empty() : Optional.of(mean);
    }

    /** An indicator's change from {@code before} to {@code now} on the inputs both used. */
    static Change indicatorChange(IndicatorScore before, IndicatorScore now, double minShare) {
        if (!before.scored()) {
            return Change.none(before.period(), "no reading in " + before.period() + ": " + before.withheld());
        }
        if (noNewData(before, now)) {
            return Change.none(before.period(), "no new data since " + before.period() + ": every input is carried "
                    + "forward");
        }
        Comparison c = compare(before, now, minShare);
        if (c.reason() != null) {
            return Change.none(before.period(), c.reason());
        }
        return Change.of(before.period(), c.now() - c.before(), c.basis());
    }

    /**
     * The composite's change from {@code before} to {@code now}: each indicator on the inputs it used in both years,
     * combined with the same weights and method at both ends.
     */
    static Change compositeChange(YearScores before, YearScores now, Aggregation aggregation, double minShare) {
        int from = before.period();
        if (!before.composite().scored()) {
            return Change.none(from, before.composite().withheld());
        }
        Map<String, IndicatorScore> then = byId(before.indicators());
        Map<String, IndicatorScore> current = byId(now.indicators());
        Map<String, Double> atStart = new HashMap<>();
        Map<String, Double> atEnd = new HashMap<>();
        List<String> leftOut = new ArrayList<>();
        List<String> ids = now.composite().indicators();
        for (String id : ids) {
            IndicatorScore b = then.get(id);
            IndicatorScore n = current.get(id);
            if (b == null || !b.scored()) {
                return Change.none(from, id + " has no reading in " + from);
            }
            Comparison c = compare(b, n, minShare);
            if (c.reason() != null) {
                return Change.none(from, n.name() + ": " + c.reason());
            }
            atStart.put(id, c.before());
            atEnd.put(id, c.now());
            leftOut.addAll(c.leftOut().stream().map(k -> n.name() + " " + k).toList());
        }
        if (!new LinkedHashSet<>(before.composite().indicators()).equals(new LinkedHashSet<>(ids))) {
            return Change.none(from, "the composite combined other indicators in " + from);
        }
        if (ids.stream().allMatch(id -> noNewData(then.get(id), current.get(id)))) {
            return Change.none(from, "no new data since " + from + ": every input is carried forward");
        }
        double change = aggregation.combine(ids, atEnd::get) - aggregation.combine(ids, atStart::get);
        String basis = leftOut.isEmpty() ? "the same inputs in both years"
                : "inputs present in both years; left out: " + String.join(", ", leftOut);
        return Change.of(from, change, basis);
    }

    /** Whether no input of {@code now} has data newer than {@code before}'s year: all of it is carried forward. */
    private static boolean noNewData(IndicatorScore before, IndicatorScore now) {
        return !now.components().isEmpty()
                && now.components().stream().allMatch(c -> c.carried() && c.dataYear() <= before.period());
    }

    /** Two readings of one indicator on their common inputs, or why they cannot be compared. */
    record Comparison(double before, double now, String basis, List<String> leftOut, String reason) {
    }

    static Comparison compare(IndicatorScore before, IndicatorScore now, double minShare) {
        Set<String> common = new LinkedHashSet<>(keys(now));
        common.retainAll(keys(before));
        List<String> leftOut = new ArrayList<>();
        keys(now).stream().filter(k -> !common.contains(k)).forEach(k -> leftOut.add(k + " (not in "
                + before.period() + ")"));
        keys(before).stream().filter(k -> !common.contains(k)).forEach(k -> leftOut.add(k + " (not in "
                + now.period() + ")"));
        if (leftOut.isEmpty()) {
            return new Comparison(on(before, common).orElseThrow(), on(now, common).orElseThrow(),
                    "the same inputs in both years", List.of(), null);
        }
        if (!before.additive() || !now.additive()) {
            return fail("its inputs differ between " + before.period() + " and " + now.period() + " and its score "
                    + "does not decompose into them");
        }
        double share = Math.min(share(before, common), share(now, common));
        if (common.isEmpty() || share < minShare) {
            return fail(String.format(java.util.Locale.ROOT, "only %.0f%% of its input weight is present in both "
                    + "%d and %d (a like-for-like change needs %.0f%%)", 100 * share, before.period(), now.period(),
                    100 * minShare));
        }
        double b = on(before, common).orElseThrow();
        double n = on(now, common).orElseThrow();
        return new Comparison(b, n, "inputs present in both years; left out: " + String.join(", ", leftOut),
                List.copyOf(leftOut), null);
    }

    private static Comparison fail(String reason) {
        return new Comparison(Double.NaN, Double.NaN, null, List.of(), reason);
    }

    static Map<String, IndicatorScore> byId(List<IndicatorScore> scores) {
        Map<String, IndicatorScore> out = new HashMap<>();
        scores.forEach(s -> out.put(s.id(), s));
        return out;
    }
}
