package io.ballast.server.score;

import io.ballast.api.Indicator;
import io.ballast.api.MissingDataPolicy;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.indicator.Measurement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the last recompute of each region measured and composed, so that the next one does only the work its change
 * reaches. A plugin's call for a year is made again only when something it read changed (a 2024 FDI value moves the
 * foreign-investment readings of the years that read it, not the other years', nor the three plugins that never read
 * that series), and a year is composed again only from the first year whose readings changed (2000-2023 stay as they
 * were). Sound because {@code measure} must be a pure function of its context (the plugin guide; the test kit checks
 * it), and because a year's scores depend only on the readings of that year and the years before it, under the same
 * configuration: the same plugin instance, settings, missing-data rule and years, over data that reads the same
 * wherever the call looked, answers the same. A call that read the clock, or that failed, is always made again.
 */
final class PriorScoring {

    /**
     * One plugin's batch over one region's years, as last measured: per year, the call's context (which knows what
     * the plugin read), its answer and the reading made of it.
     */
    record Batch(Indicator plugin, Map<String, Double> settings, MissingDataPolicy rule, List<Integer> periods,
                 List<SnapshotContext> contexts, List<Measurement> answers, List<IndicatorScore> scores) {

        /**
         * Which of these calls stand over {@code now}, by position in {@code periods}: those that read nothing that
         * changed and did not fail. None when the plugin, its settings, the rule or the years are others.
         */
        boolean[] standing(Indicator plugin, Map<String, Double> settings, MissingDataPolicy rule,
                           List<Integer> periods, RegionData now) {
            boolean[] standing = new boolean[periods.size()];
            if (this.plugin == plugin && this.settings.equals(settings) && this.rule.equals(rule)
                    && this.periods.equals(periods)) {
                for (int i = 0; i < standing.length; i++) {
                    Measurement answer = answers.get(i);
                    standing[i] = (answer.reading().isPresent() || answer.missing().isPresent())
                            && contexts.get(i).readsSameIn(now);
                }
            }
            return standing;
        }
    }

    /** A region's last recompute: each plugin's batch, and the years composed from their readings. */
    record Region(Map<String, Batch> batches, BallastConfig config, List<String> expected,
                  Map<Integer, List<IndicatorScore>> readings, Map<Integer, YearScores> years) {

        /**
         * The first year from which {@code now} must be composed again under {@code config}; the years before it are
         * as composed last time. {@link Integer#MIN_VALUE} when nothing can be kept.
         */
        int recomposeFrom(BallastConfig config, List<String> expected, Map<Integer, List<IndicatorScore>> now) {
            if (this.config != config || !this.expected.equals(expected)) {
                return Integer.MIN_VALUE;
            }
            TreeSet<Integer> all = new TreeSet<>(readings.keySet());
            all.addAll(now.keySet());
            for (int year : all) {
                if (!Objects.equals(readings.get(year), now.get(year))) {
                    return year;
                }
            }
            return Integer.MAX_VALUE;
        }

        /** The batch kept for this plugin, if any. */
        Optional<Batch> batch(String pluginId) {
            return Optional.ofNullable(batches.get(pluginId));
        }
    }

    private static final Region NONE = new Region(Map.of(), null, List.of(), Map.of(), Map.of());

    /** A region's entry is replaced whole by its next recompute, so an unloaded plugin drops out with it. */
    private final Map<String, Region> byRegion = new ConcurrentHashMap<>();

    /** The region's last recompute, or one that keeps nothing. */
    Region of(String region) {
        return byRegion.getOrDefault(region, NONE);
    }

    /** Keeps a region's recompute in place of the one before. */
    void keep(String region, Region scored) {
        byRegion.put(region, scored);
    }
}
