package io.ballast.server.score;

import io.ballast.api.Indicator;
import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.IndicatorReading;
import io.ballast.api.WeightedIndex;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigLoader;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.store.ObservationRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Indicators, data and scorers for the scoring tests. */
final class TestIndicators {

    private TestIndicators() {
    }

    /** An indicator built on a {@link WeightedIndex}, as the built-ins are. */
    static Indicator weighted(String id, WeightedIndex index) {
        IndicatorDescriptor descriptor = new IndicatorDescriptor(id, id, "test indicator " + id, "1",
                index.inputs(), index.parameters(), index.basket());
        return new Indicator() {
            @Override
            public IndicatorDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public IndicatorReading measure(IndicatorContext context) {
                return index.measure(context);
            }
        };
    }

    /** An indicator that answers whatever {@code behaviour} says, declaring no basket (as API 1.0 plugins do). */
    static Indicator answering(String id, List<String> inputs, Function<IndicatorContext, IndicatorReading> behaviour) {
        IndicatorDescriptor descriptor = new IndicatorDescriptor(id, id, "test indicator " + id, "1", inputs,
                List.of());
        return new Indicator() {
            @Override
            public IndicatorDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public IndicatorReading measure(IndicatorContext context) {
                return behaviour.apply(context);
            }
        };
    }

    static BallastConfig config(Map<String, String> env) {
        return new ConfigLoader().load(Optional.empty(), env);
    }

    /** Rows of region CHN from (series, year, value) triples. */
    static RegionData data(Object... seriesYearValue) {
        var rows = new ArrayList<ObservationRow>();
        for (int i = 0; i < seriesYearValue.length; i += 3) {
            rows.add(new ObservationRow(null, "CHN", (String) seriesYearValue[i], (Integer) seriesYearValue[i + 1],
                    ((Number) seriesYearValue[i + 2]).doubleValue(), null, Instant.EPOCH));
        }
        return RegionData.of(rows);
    }

    static PluginHost host(Indicator... indicators) {
        PluginHost host = new PluginHost(id -> true);
        for (Indicator i : indicators) {
            host.add(i, "test");
        }
        return host;
    }

    static Scorer scorer(PluginHost host, BallastConfig config) {
        return new Scorer(host, new Measurer(host, Duration.ofSeconds(2)), config, Clock.systemUTC());
    }

    static YearScores year(List<YearScores> years, int year) {
        return years.stream().filter(y -> y.period() == year).findFirst().orElseThrow();
    }

    static IndicatorScore reading(YearScores year, String id) {
        return year.indicators().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }
}
