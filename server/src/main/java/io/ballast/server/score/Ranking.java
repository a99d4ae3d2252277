package io.ballast.server.score;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Ranks the regions that have a composite in a year, like for like: for each indicator, only the inputs every ranked
 * region has count, each region's reading is recomputed on them, and the composites are formed again with the same
 * weights and method. Where that cannot be done (an indicator that does not decompose into its inputs and whose
 * inputs differ, or too little input left in common) there is no rank, and the reason says so.
 */
final class Ranking {

    private Ranking() {
    }

    /** The ranks of one year, by region, for the regions in {@code order}. */
    static Map<String, Rank> of(int year, List<String> order, Panel panel, Aggregation aggregation, double minShare) {
        Map<String, YearScores> ranked = new LinkedHashMap<>();
        List<Rank.Excluded> excluded = new ArrayList<>();
        for (String region : order) {
            var y = panel.year(region, year);
            if (y.isPresent() && y.get().composite().scored()) {
                ranked.put(region, y.get());
            } else {
                excluded.add(new Rank.Excluded(region, y.map(s -> s.composite().withheld())
                        .orElse("no data for " + year)));
            }
        }
        Map<String, Rank> out = new LinkedHashMap<>();
        if (ranked.size() < 2) {
            Rank none = Rank.none(year, ranked.size(), excluded, "fewer than two economies have a composite in "
                    + year);
            order.forEach(r -> out.put(r, none));
            return out;
        }
        List<String> ids = ranked.values().iterator().next().composite().indicators();
        Comparable common = comparable(ids, ranked, year, minShare);
        if (common.reason() != null) {
            return unranked(order, year, ranked.size(), excluded, common.reason());
        }
        Map<String, Map<String, Double>> comparable = common.scores();
        List<String> leftOut = common.leftOut();
        Map<String, Double> scores = new LinkedHashMap<>();
        comparable.forEach((region, byId) -> scores.put(region, aggregation.combine(ids, byId::get)));
        String basis = leftOut.isEmpty() ? "the same inputs for every ranked economy"
                : "inputs every ranked economy has; left out: " + String.join(", ", new LinkedHashSet<>(leftOut));
        for (String region : order) {
            Double score = scores.get(region);
            if (score == null) {
                out.put(region, Rank.none(year, ranked.size(), excluded, excluded.stream()
                        .filter(e -> e.region().equals(region)).map(Rank.Excluded::reason).findFirst()
                        .orElse("no composite in " + year)));
                continue;
            }
            int position = 1 + (int) scores.values().stream().filter(other -> other > score).count();
            out.put(region, new Rank(position, ranked.size(), year, true, basis, Numbers.round(score),
                    List.copyOf(excluded), null));
        }
        return out;
    }

    /**
     * Each ranked region's indicator scores recomputed on the inputs every ranked region has, and the inputs left out;
     * or the reason there are none (an indicator missing somewhere, or too little input in common).
     */
    private record Comparable(Map<String, Map<String, Double>> scores, List<String> leftOut, String reason) {
        static Comparable none(String reason) {
            return new Comparable(Map.of(), List.of(), reason);
        }
    }

    private static Comparable comparable(List<String> ids, Map<String, YearScores> ranked, int year,
                                         double minShare) {
        Map<String, Map<String, Double>> comparable = new LinkedHashMap<>();
        ranked.keySet().forEach(r -> comparable.put(r, new LinkedHashMap<>()));
        List<String> leftOut = new ArrayList<>();
        for (String id : ids) {
            Set<String> common = new LinkedHashSet<>();
            boolean first = true;
            for (YearScores y : ranked.values()) {
                IndicatorScore s = LikeForLike.byId(y.indicators()).get(id);
                if (s == null || !s.scored()) {
                    return Comparable.none("the ranked economies combine different indicators in " + year);
                }
                if (first) {
                    common.addAll(LikeForLike.keys(s));
                    first = false;
                } else {
                    common.retainAll(LikeForLike.keys(s));
                }
            }
            for (var entry : ranked.entrySet()) {
                IndicatorScore s = LikeForLike.byId(entry.getValue().indicators()).get(id);
                double share = LikeForLike.share(s, common);
                var value = LikeForLike.on(s, common);
                if (value.isEmpty() || share < minShare) {
                    return Comparable.none(String.format(Locale.ROOT, "%s: the ranked economies have only %.0f%% "
                            + "of %s's input weight in common in %d%s", s.name(), 100 * share, entry.getKey(), year,
                            value.isEmpty() && share >= minShare
                                    ? " and its score does not decompose into its inputs" : ""));
                }
                comparable.get(entry.getKey()).put(id, value.get());
                LikeForLike.keys(s).stream().filter(k -> !common.contains(k))
                        .forEach(k -> leftOut.add(s.name() + " " + k + " (" + entry.getKey() + ")"));
            }
        }
        return new Comparable(comparable, leftOut, null);
    }

    private static Map<String, Rank> unranked(List<String> order, int year, int of, List<Rank.Excluded> excluded,
                                              String reason) {
        Map<String, Rank> out = new LinkedHashMap<>();
        Rank none = Rank.none(year, of, excluded, reason);
        order.forEach(r -> out.put(r, none));
        return out;
    }
}
