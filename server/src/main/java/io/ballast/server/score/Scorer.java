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
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.IntStream;

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
        return score(region, data, new PriorScoring());
    }

    /**
     * As {@link #score(String, RegionData)}, measuring and composing again only what changed since the region's last
     * recompute in {@code prior}, which then keeps this one.
     */
    List<YearScores> score(String region, RegionData data, PriorScoring prior) {
        Rules rules = Rules.of(config.get());
        int first = rules.config().scoring().fromYear();
        int last = data.lastYear().orElse(first - 1);
        int lookBack = Math.max(1, rules.divergence().window());
        List<LoadedPlugin> plugins = host.expected();
        PriorScoring.Region before = prior.of(region);
        Map<String, PriorScoring.Batch> batches = new HashMap<>();
        Map<Integer, List<IndicatorScore>> readings = measure(rules, plugins, region, data, first - lookBack, last,
                before, batches);
        List<String> expected = plugins.stream().map(LoadedPlugin::id).toList();
        Map<Integer, YearScores> years = compose(rules, readings, expected, before);
        prior.keep(region, new PriorScoring.Region(batches, rules.config(), expected, readings, years));
        return years.values().stream().filter(y -> y.period() >= first).toList();
    }

    /**
     * Each year's changes, composite and divergence check from the readings, in year order; the years before the
     * first whose readings changed since {@code before} are taken as composed then.
     */
    private static Map<Integer, YearScores> compose(Rules rules, Map<Integer, List<IndicatorScore>> readings,
                                                    List<String> expected, PriorScoring.Region before) {
        int from = before.recomposeFrom(rules.config(), expected, readings);
        double minShare = rules.missingData().minCoverage();
        Map<Integer, YearScores> years = new TreeMap<>();
        for (var entry : readings.entrySet()) {
            int year = entry.getKey();
            if (year < from) {
                years.put(year, before.years().get(year));
                continue;
            }
            List<IndicatorScore> prior = readings.get(year - 1);
            Map<String, IndicatorScore> priorById = prior == null ? Map.of() : LikeForLike.byId(prior);
            List<IndicatorScore> withChanges = entry.getValue().stream().map(s -> {
                IndicatorScore was = priorById.get(s.id());
                return s.scored() && was != null ? s.withChange(LikeForLike.indicatorChange(was, s, minShare)) : s;
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
        return years;
    }

    /**
     * Every expected plugin over the years, one batch per started plugin, the batches at the same time; a call the
     * region's last recompute ({@code before}) answers still is not made again. Failed plugins give withheld readings.
     * Each plugin's batch of this recompute goes into {@code batches}. Each year's readings are in the plugins' order.
     */
    private Map<Integer, List<IndicatorScore>> measure(Rules rules, List<LoadedPlugin> plugins, String region,
                                                       RegionData data, int from, int to, PriorScoring.Region before,
                                                       Map<String, PriorScoring.Batch> batches) {
        List<Integer> periods = IntStream.rangeClosed(from, to).boxed().toList();
        List<Kept> kept = new ArrayList<>();
        List<List<SnapshotContext>> asked = new ArrayList<>(); // the calls to make now, per plugin
        for (LoadedPlugin plugin : plugins) {
            boolean started = plugin.state() == PluginState.STARTED;
            Map<String, Double> settings = started ? settings(rules, plugin) : Map.of();
            Kept k = Kept.of(before.batch(plugin.id()).filter(b -> started && measurer.inProcess(plugin)),
                    plugin, settings, rules.missingData(), periods, data);
            List<SnapshotContext> calls = new ArrayList<>();
            for (int i = 0; started && i < periods.size(); i++) {
                if (!k.standing()[i]) {
                    calls.add(new SnapshotContext(region, periods.get(i), data, settings, clock, rules.missingData()));
                }
            }
            kept.add(k);
            asked.add(calls);
        }
        List<List<Measurement>> measured = measurer.measureEach(plugins, asked);
        Map<Integer, List<IndicatorScore>> readings = new TreeMap<>();
        periods.forEach(year -> readings.put(year, new ArrayList<>()));
        for (int p = 0; p < plugins.size(); p++) {
            LoadedPlugin plugin = plugins.get(p);
            if (plugin.state() != PluginState.STARTED) {
                String cause = "the " + plugin.id() + " plugin failed: " + plugin.failure().orElse("no cause given");
                periods.forEach(year -> readings.get(year).add(Readings.failed(plugin, year, cause)));
                continue;
            }
            PriorScoring.Batch batch = kept.get(p).merge(plugin, rules.missingData(), periods, asked.get(p),
                    measured.get(p));
            if (measurer.inProcess(plugin)) {
                batches.put(plugin.id(), batch);
            }
            batch.scores().forEach(s -> readings.get(s.period()).add(s));
        }
        return readings;
    }

    /** A started plugin's last batch, and which of its calls stand; {@code settings} those of this recompute. */
    private record Kept(Optional<PriorScoring.Batch> batch, boolean[] standing, Map<String, Double> settings) {

        static Kept of(Optional<PriorScoring.Batch> last, LoadedPlugin plugin, Map<String, Double> settings,
                       MissingDataPolicy rule, List<Integer> periods, RegionData now) {
            boolean[] standing = last.map(b -> b.standing(plugin.indicator(), settings, rule, periods, now))
                    .orElseGet(() -> new boolean[periods.size()]);
            return new Kept(last, standing, settings);
        }

        /** This recompute's batch: the standing calls as they were, the others from {@code calls} answered now. */
        PriorScoring.Batch merge(LoadedPlugin plugin, MissingDataPolicy rule, List<Integer> periods,
                                 List<SnapshotContext> calls, List<Measurement> answers) {
            List<SnapshotContext> contexts = new ArrayList<>();
            List<Measurement> all = new ArrayList<>();
            List<IndicatorScore> scores = new ArrayList<>();
            for (int i = 0, asked = 0; i < periods.size(); i++) {
                if (standing[i]) {
                    PriorScoring.Batch last = batch.orElseThrow();
                    contexts.add(last.contexts().get(i));
                    all.add(last.answers().get(i));
                    scores.add(last.scores().get(i));
                } else {
                    SnapshotContext context = calls.get(asked);
                    Measurement answer = answers.get(asked++);
                    contexts.add(context);
                    all.add(answer);
                    scores.add(Readings.of(plugin, context, answer, rule));
                }
            }
            return new PriorScoring.Batch(plugin.indicator(), settings, rule, periods, contexts, all, scores);
        }
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
