package io.ballast.server.score;

import io.ballast.api.Component;
import io.ballast.api.IndicatorReading;
import io.ballast.api.InputSpec;
import io.ballast.api.MissingDataPolicy;
import io.ballast.server.indicator.LoadedPlugin;
import io.ballast.server.indicator.Measurement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns what a plugin answered into an {@link IndicatorScore}, checking it against the deployment's rules whatever the
 * plugin did: a reading with less input than the minimum coverage, or one that carries a value further than allowed,
 * is withheld with the reason, never scored. The basket names the inputs used, carried and missing, by the keys the
 * descriptor declares.
 */
final class Readings {

    private Readings() {
    }

    static IndicatorScore of(LoadedPlugin plugin, SnapshotContext context, Measurement m, MissingDataPolicy policy) {
        String id = plugin.id();
        String name = plugin.descriptor().name();
        int year = context.period();
        if (m.missing().isPresent()) {
            var e = m.missing().get();
            return IndicatorScore.withheld(id, name, year, Numbers.round(e.coverage(), 4), e.missing(),
                    presentOnly(plugin, e.present(), e.missing()), e.getMessage());
        }
        if (m.reading().isEmpty()) {
            return failed(plugin, year, "the " + id + " plugin failed: " + plugin.failure().orElse("see /api/v1/"
                    + "indicators"));
        }
        IndicatorReading r = m.reading().get();
        List<InputScore> components = r.components().stream().map(c -> InputScore.of(c, year)).toList();
        Basket basket = basket(plugin, year, r.components(), r.missing());
        if (r.coverage() < policy.minCoverage()) {
            return IndicatorScore.withheld(id, name, year, Numbers.round(r.coverage(), 4), r.missing(), basket,
                    String.format(Locale.ROOT, "%s has %.0f%% of its input weight in %d, below the %.0f%% a reading "
                            + "needs", name, 100 * r.coverage(), year, 100 * policy.minCoverage()));
        }
        for (Component c : r.components()) {
            if (c.lag() > policy.carryForwardYears()) {
                return IndicatorScore.withheld(id, name, year, Numbers.round(r.coverage(), 4), r.missing(), basket,
                        String.format(Locale.ROOT, "%s carries %s forward %d years, beyond the %d allowed", name,
                                c.label(), c.lag(), policy.carryForwardYears()));
            }
        }
        boolean additive = !r.components().isEmpty() && Math.abs(r.score() - Numbers.weightedMean(r.components(),
                Component::normalised, Component::weight)) <= 1e-6;
        return new IndicatorScore(id, name, Numbers.round(r.score()), year, components, r.explanation(),
                Numbers.round(r.coverage(), 4), r.missing(), basket, Composite.subscores(components), additive, null,
                null, context.vintagesRead());
    }

    /** The basket of a year without a reading: the inputs the plugin says it had, and the rest as missing. */
    private static Basket presentOnly(LoadedPlugin plugin, List<String> present, List<String> missingNamed) {
        List<InputSpec> declared = plugin.descriptor().basket();
        if (declared.isEmpty()) {
            return new Basket(present, List.of(), missingNamed.stream().map(m -> new Basket.Missing(m, m)).toList());
        }
        return new Basket(present, List.of(), declared.stream().filter(i -> !present.contains(i.key()))
                .map(i -> new Basket.Missing(i.key(), i.label())).toList());
    }

    /** A year without a reading because the plugin failed. */
    static IndicatorScore failed(LoadedPlugin plugin, int year, String cause) {
        return IndicatorScore.withheld(plugin.id(), plugin.descriptor().name(), year, 0, List.of(),
                basket(plugin, year, List.of(), List.of()), cause);
    }

    /**
     * The inputs used, carried and missing. With a declared basket, missing means every declared input the reading
     * did not use; without one, the plugin's own list of what it lacked.
     */
    private static Basket basket(LoadedPlugin plugin, int year, List<Component> used, List<String> missingNamed) {
        List<String> keys = used.stream().map(Component::key).toList();
        List<Basket.Carried> carried = new ArrayList<>();
        for (Component c : used) {
            if (c.carried()) {
                carried.add(new Basket.Carried(c.key(), year - c.lag()));
            }
        }
        List<InputSpec> declared = plugin.descriptor().basket();
        List<Basket.Missing> missing;
        if (declared.isEmpty()) {
            missing = missingNamed.stream().map(m -> new Basket.Missing(m, m)).toList();
        } else {
            Set<String> present = used.stream().map(Component::key).collect(Collectors.toSet());
            missing = declared.stream().filter(i -> !present.contains(i.key()))
                    .map(i -> new Basket.Missing(i.key(), i.label())).toList();
        }
        return new Basket(keys, carried, missing);
    }
}
