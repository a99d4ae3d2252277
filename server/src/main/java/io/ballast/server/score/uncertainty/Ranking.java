package io.ballast.server.score.uncertainty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Ranks the members of each comparable group in every draw, then summarises each member's ranks as an interval. */
final class Ranking {

    private Ranking() {
    }

    static List<List<RankInterval>> intervals(Draws draws, List<List<Integer>> groups) {
        List<List<RankInterval>> result = new ArrayList<>(groups.size());
        Quantiles quantiles = Quantiles.ofRanks();
        for (List<Integer> group : groups) {
            result.add(intervals(draws, members(draws, group), quantiles));
        }
        return List.copyOf(result);
    }

    private static int[] members(Draws draws, List<Integer> group) {
        Set<Integer> seen = new HashSet<>();
        for (Integer member : group) {
            draws.requireOutput(member);
            if (!seen.add(member)) {
                throw new IllegalArgumentException("output " + member + " appears twice in the group " + group);
            }
        }
        return group.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<RankInterval> intervals(Draws draws, int[] members, Quantiles quantiles) {
        int n = members.length;
        int total = draws.draws();
        double[][] ranks = new double[n][total];
        int[] ranked = new int[n];
        double[] sorted = new double[n];
        for (int d = 0; d < total; d++) {
            int defined = 0;
            for (int member : members) {
                double v = draws.draw(member, d);
                if (!Double.isNaN(v)) {
                    sorted[defined++] = v;
                }
            }
            Arrays.sort(sorted, 0, defined);
            for (int m = 0; m < n; m++) {
                double v = draws.draw(members[m], d);
                if (!Double.isNaN(v)) {
                    ranks[m][ranked[m]++] = 1 + defined - firstAbove(sorted, defined, v);
                }
            }
        }
        List<RankInterval> intervals = new ArrayList<>(n);
        for (int m = 0; m < n; m++) {
            intervals.add(quantiles.rankInterval(ranks[m], ranked[m], total));
        }
        return List.copyOf(intervals);
    }

    /** The index of the first of the {@code length} ascending values that is strictly above {@code v}. */
    private static int firstAbove(double[] ascending, int length, double v) {
        int lo = 0;
        int hi = length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending[mid] > v) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
