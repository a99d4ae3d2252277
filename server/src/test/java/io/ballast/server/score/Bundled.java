package io.ballast.server.score;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.ingest.Baseline;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.store.ControlEvent;
import io.ballast.server.store.ObservationRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bundled baseline scored with the built-in indicators and the default config, once per test class. */
final class Bundled {

    static final List<String> REGIONS = List.of("CHN", "USA", "DEU", "JPN", "KOR", "IND");

    final Map<String, List<YearScores>> years = new LinkedHashMap<>();
    final Panel panel = new Panel();

    Bundled(BallastConfig config) {
        this(config, event -> true);
    }

    /** The baseline with only the events {@code keep} accepts. */
    Bundled(BallastConfig config, java.util.function.Predicate<ControlEvent> keep) {
        PluginHost host = new PluginHost(id -> true);
        host.discover(Bundled.class.getClassLoader(), "classpath");
        Baseline baseline = Baseline.bundled();
        List<ControlEvent> events = baseline.events().stream().filter(keep).toList();
        try (Measurer measurer = new Measurer(host, Duration.ofSeconds(10))) {
            Scorer scorer = new Scorer(host, measurer, config, Clock.systemUTC());
            for (String region : REGIONS) {
                List<ObservationRow> rows = baseline.observations().stream().filter(o -> o.region().equals(region))
                        .map(o -> new ObservationRow(null, o.region(), o.series(), o.period(), o.value(), o.source(),
                                Instant.EPOCH, o.vintage())).toList();
                RegionData data = RegionData.of(rows, events.stream().filter(e -> e.targets().contains(region))
                        .toList());
                List<YearScores> scored = scorer.score(region, data);
                years.put(region, scored);
                panel.put(region, scored);
            }
        }
    }

    YearScores year(String region, int year) {
        return TestIndicators.year(years.get(region), year);
    }

    IndicatorScore reading(String region, String indicator, int year) {
        return TestIndicators.reading(year(region, year), indicator);
    }

    /** A component's raw value, by input key. */
    double raw(String region, String indicator, int year, String key) {
        return reading(region, indicator, year).components().stream().filter(c -> c.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " not used by " + indicator + " " + region + " " + year))
                .raw();
    }
}
