package io.ballast.server.audit;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.score.IndicatorScore;
import io.ballast.server.score.YearScores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 2, the same basket for every economy: for each economy, the years from 2005 to its last year with readings in
 * which an indicator or the composite has no reading, with the reason of the latest such year.
 */
final class CoverageGaps {

    private static final int FROM = 2005;

    private final List<BallastConfig.Region> regions;
    private final Map<String, List<YearScores>> years;

    CoverageGaps(List<BallastConfig.Region> regions, Map<String, List<YearScores>> years) {
        this.regions = List.copyOf(regions);
        this.years = years;
    }

    String describe() {
        var out = new StringBuilder("Step 2, coverage: years from " + FROM + " to each economy's last year with a "
                + "reading in which something is withheld\n");
        for (BallastConfig.Region region : regions) {
            List<YearScores> list = years.getOrDefault(region.code(), List.of());
            int last = list.stream().filter(y -> y.indicators().stream().anyMatch(s -> s.score() != null))
                    .mapToInt(YearScores::period).max().orElse(FROM - 1);
            Map<String, List<Integer>> gaps = new LinkedHashMap<>();
            Map<String, String> reasons = new LinkedHashMap<>();
            for (YearScores y : list) {
                if (y.period() < FROM || y.period() > last) {
                    continue;
                }
                for (IndicatorScore s : y.indicators()) {
                    if (s.score() == null) {
                        gaps.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(y.period());
                        reasons.put(s.id(), s.withheld());
                    }
                }
                if (y.composite().score() == null) {
                    gaps.computeIfAbsent("composite", k -> new ArrayList<>()).add(y.period());
                }
            }
            out.append("  ").append(region.code()).append(" (").append(region.name()).append("), ").append(FROM)
                    .append('-').append(last).append(": ");
            if (gaps.isEmpty()) {
                out.append("every indicator and the composite in every year\n");
                continue;
            }
            out.append('\n');
            gaps.forEach((id, list2) -> {
                out.append("    ").append(id).append(": ").append(ranges(list2));
                if (reasons.containsKey(id)) {
                    out.append(" (").append(reasons.get(id)).append(')');
                }
                out.append('\n');
            });
        }
        return out.toString();
    }

    /** 2005, 2006, 2007, 2010 → "2005-2007, 2010". */
    static String ranges(List<Integer> years) {
        List<String> parts = new ArrayList<>();
        int start = years.get(0);
        int previous = start;
        for (int i = 1; i <= years.size(); i++) {
            if (i < years.size() && years.get(i) == previous + 1) {
                previous = years.get(i);
                continue;
            }
            parts.add(start == previous ? Integer.toString(start) : start + "-" + previous);
            if (i < years.size()) {
                start = years.get(i);
                previous = start;
            }
        }
        return String.join(", ", parts);
    }
}
