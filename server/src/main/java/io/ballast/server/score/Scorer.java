package io.ballast.server.score;

import io.ballast.api.Component;
import io.ballast.api.IndicatorReading;
import io.ballast.api.Parameter;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.indicator.LoadedPlugin;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginHost;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Measures a region year by year with every started plugin and forms the composite, over a {@link RegionData}
 * snapshot: no I/O. Each measurement goes through the {@link Measurer}, which time-limits it and marks a plugin that
 * throws, hangs or returns an invalid reading as failed; the others go on.
 */
public final class Scorer {

    private final PluginHost host;
    private final Measurer measurer;
    private final Supplier<BallastConfig> config;
    private final Clock clock;

    /** The rules of one scoring run, read from the configuration in force when the run starts. */
    private record Rules(BallastConfig config, Composite composite, Divergence divergence) {
        static Rules of(BallastConfig config) {
            return new Rules(config, new Composite(config), new Divergence(config.scoring().divergence()));
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
     * Scores every year from {@code fromYear} (no earlier than the configured first year) to the last with data. The
     * years a divergence check looks back on are measured too, but not returned.
     */
    public List<YearScores> score(String region, RegionData data, int fromYear) {
        Rules rules = Rules.of(config.get());
        Divergence divergence = rules.divergence();
        int first = Math.max(fromYear, rules.config().scoring().fromYear());
        int last = data.lastYear().orElse(first - 1);
        List<YearScores> measured = measure(rules, region, data, first - divergence.window(), last);
        Map<Integer, List<IndicatorScore>> byYear = Divergence.byYear(measured);
        List<YearScores> years = new ArrayList<>();
        for (YearScores y : measured) {
            if (y.period() >= first) {
                years.add(new YearScores(y.period(), y.indicators(), y.composite().map(c ->
                        c.withWarnings(divergence.check(y.period(), byYear).stream().toList()))));
            }
        }
        return years;
    }

    /** Every started plugin over the years, one batch per plugin, then the composite of each year. */
    private List<YearScores> measure(Rules rules, String region, RegionData data, int from, int to) {
        Map<Integer, List<IndicatorScore>> readings = new TreeMap<>();
        for (int year = from; year <= to; year++) {
            readings.put(year, new ArrayList<>());
        }
        for (LoadedPlugin plugin : host.started()) {
            Map<String, Double> settings = settings(plugin);
            List<SnapshotContext> contexts = new ArrayList<>();
            for (int year = from; year <= to; year++) {
                contexts.add(new SnapshotContext(region, year, data, settings, clock));
            }
            List<Optional<IndicatorReading>> answers = measurer.measureAll(plugin, List.copyOf(contexts));
            for (int i = 0; i < contexts.size(); i++) {
                SnapshotContext context = contexts.get(i);
                answers.get(i).ifPresent(r -> readings.get(context.period()).add(score(plugin, context, r)));
            }
        }
        List<String> expected = host.expected().stream().map(LoadedPlugin::id).toList();
        List<YearScores> years = new ArrayList<>();
        readings.forEach((year, list) -> years.add(new YearScores(year, List.copyOf(list),
                rules.composite().combine(list, expected))));
        return years;
    }

    private static IndicatorScore score(LoadedPlugin plugin, SnapshotContext context, IndicatorReading r) {
        List<Component> components = r.components().stream().map(c -> new Component(c.label(), c.series(),
                c.raw(), round(c.normalised()), c.weight())).toList();
        return new IndicatorScore(plugin.id(), plugin.descriptor().name(), round(r.score()), context.period(),
                components, r.explanation(), round(r.coverage(), 4), r.missing(), context.vintagesRead());
    }

    private Map<String, Double> settings(LoadedPlugin plugin) {
        Map<String, Double> settings = new HashMap<>();
        for (Parameter p : plugin.descriptor().parameters()) {
            settings.put(p.name(), p.defaultValue());
        }
        settings.putAll(config.get().settingsOf(plugin.id()));
        return Map.copyOf(settings);
    }

    static double round(double value) {
        return round(value, 2);
    }

    static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
