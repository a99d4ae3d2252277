package io.ballast.server.score;

import io.ballast.api.MissingDataPolicy;
import io.ballast.api.Parameter;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.indicator.LoadedPlugin;
import io.ballast.server.indicator.Measurement;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.indicator.PluginState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Measures a region year by year with every started plugin, checks each reading against the deployment's rules
 * ({@link Readings}), and forms each year's composite, its like-for-like change and the divergence check, over a
 * {@link RegionData} snapshot: no I/O. Each measurement goes through the {@link Measurer}, which time-limits it and
 * marks a plugin that throws, hangs or returns an invalid reading as failed; the others go on.
 */
public final class Scorer {

    private final PluginHost host;
    private final Measurer measurer;
    private final Supplier<BallastConfig> config;
    private final Clock clock;

    /** The rules of one scoring run, read once from the configuration in force when the run starts. */
    private record Rules(BallastConfig config, MissingDataPolicy missingData, Aggregation aggregation,
                         Composite composite, Divergence divergence) {
        static Rules of(BallastConfig config) {
            var missing = config.scoring().missing();
            MissingDataPolicy policy = new MissingDataPolicy(missing.carryForwardYears(), missing.minInputCoverage());
            Aggregation aggregation = Aggregation.of(config);
            return new Rules(config, policy, aggregation, new Composite(aggregation, config.scoring().minCoverage()),
                    new Divergence(config.scoring().divergence(), policy.minCoverage()));
        }
    }

    /** {@code config} is read at the start of every run, so a reloaded weight applies to the next recompute. */
    public Scorer(PluginHost host, Measurer measurer, Supplier<BallastConfig> config, Clock clock) {
        this.host = host;
        this.measurer = measurer;
        this.config = config;
        this.clock = clock;
    }

    /** A scorer with a fixed configuration. */
    public Scorer(PluginHost host, Measurer measurer, BallastConfig config, Clock clock) {
        this(host, measurer, () -> config, clock);
    }

    /**
     * Scores every year from the configured first year to the last with data or events. The years a change or the
     * divergence check looks back on are measured too, but not returned.
     */
    public List<YearScores> score(String region, RegionData data) {
        Rules rules = Rules.of(config.get());
        int first = rules.config().scoring().fromYear();
        int last = data.lastYear().orElse(first - 1);
        int lookBack = Math.max(1, rules.divergence().window());
        List<LoadedPlugin> plugins = host.expected();
        Map<Integer, List<IndicatorScore>> readings = measure(rules, plugins, region, data, first - lookBack, last);
        List<String> expected = plugins.stream().map(LoadedPlugin::id).toList();
        double minShare = rules.missingData().minCoverage();
        Map<Integer, YearScores> years = new TreeMap<>();
        for (var entry : readings.entrySet()) {
            int year = entry.getKey();
            List<IndicatorScore> before = readings.get(year - 1);
            List<IndicatorScore> withChanges = entry.getValue().stream().map(s -> {
                IndicatorScore prior = before == null ? null : LikeForLike.byId(before).get(s.id());
                return s.scored() && prior != null ? s.withChange(LikeForLike.indicatorChange(prior, s, minShare))
                        : s;
            }).toList();
            CompositeScore composite = rules.composite().combine(year, withChanges, expected)
                    .withDivergence(rules.divergence().check(year, readings));
            YearScores previous = years.get(year - 1);
            if (composite.scored() && previous != null) {
                composite = composite.withChange(LikeForLike.compositeChange(previous,
                        new YearScores(year, withChanges, composite), rules.aggregation(), minShare));
            }
            years.put(year, new YearScores(year, withChanges, composite));
        }
        return years.values().stream().filter(y -> y.period() >= first).toList();
    }

    /**
     * Every expected plugin over the years, one batch per started plugin, the batches at the same time; failed
     * plugins give withheld readings. Each year's readings are in the plugins' order.
     */
    private Map<Integer, List<IndicatorScore>> measure(Rules rules, List<LoadedPlugin> plugins, String region,
                                                       RegionData data, int from, int to) {
        List<List<SnapshotContext>> contexts = new ArrayList<>();
        List<String> failures = new ArrayList<>(); // why a plugin is not measured (it failed), or null
        for (LoadedPlugin plugin : plugins) {
            boolean started = plugin.state() == PluginState.STARTED;
            failures.add(started ? null : "the " + plugin.id() + " plugin failed: "
                    + plugin.failure().orElse("no cause given"));
            List<SnapshotContext> years = new ArrayList<>();
            Map<String, Double> settings = started ? settings(rules, plugin) : null;
            for (int year = from; started && year <= to; year++) {
                years.add(new SnapshotContext(region, year, data, settings, clock, rules.missingData()));
            }
            contexts.add(years);
        }
        List<List<Measurement>> answers = measurer.measureEach(plugins, contexts);
        Map<Integer, List<IndicatorScore>> readings = new TreeMap<>();
        for (int year = from; year <= to; year++) {
            readings.put(year, new ArrayList<>());
        }
        for (int p = 0; p < plugins.size(); p++) {
            LoadedPlugin plugin = plugins.get(p);
            String cause = failures.get(p);
            if (cause != null) {
                readings.forEach((year, list) -> list.add(Readings.failed(plugin, year, cause)));
                continue;
            }
            for (int i = 0; i < contexts.get(p).size(); i++) {
                SnapshotContext context = contexts.get(p).get(i);
                readings.get(context.period()).add(Readings.of(plugin, context, answers.get(p).get(i),
                        rules.missingData()));
            }
        }
        return readings;
    }

    private static Map<String, Double> settings(Rules rules, LoadedPlugin plugin) {
        Map<String, Double> settings = new HashMap<>();
        for (Parameter p : plugin.descriptor().parameters()) {
            settings.put(p.name(), p.defaultValue());
        }
        settings.putAll(rules.config().settingsOf(plugin.id()));
        return Map.copyOf(settings);
    }
}
