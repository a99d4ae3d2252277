package io.ballast.server.audit;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.ingest.Baseline;
import io.ballast.server.score.IndicatorScore;
import io.ballast.server.score.InputScore;
import io.ballast.server.score.RegionData;
import io.ballast.server.score.Scorer;
import io.ballast.server.score.YearScores;
import io.ballast.server.store.ControlEvent;
import io.ballast.server.store.ObservationRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ballast audit}: the Handbook's step 4 (multivariate analysis) and the data checks of steps 2 and 9, over the
 * bundled baseline, scored by the built-in indicators under the given configuration. Prints, per indicator, the
 * correlation matrix of its inputs and Cronbach's alpha, flagging pairs above |r| = 0.9; then each economy's
 * coverage gaps, and how the composite relates to its indicators and to two outside measures.
 */
public final class Audit {

    /** Pairs of inputs correlated above this (in absolute value) may measure the same thing. */
    static final double REDUNDANT = 0.9;

    private final BallastConfig config;

    public Audit(BallastConfig config) {
        this.config = config;
    }

    /** Scores the bundled baseline and writes the report. */
    public String run() {
        Map<String, List<YearScores>> years = score();
        var report = new StringBuilder();
        report.append("Ballast audit of the bundled baseline, scored by the built-in indicators\n\n");
        report.append("Step 4, multivariate analysis: per indicator, the inputs' normalised values (higher is more "
                + "resilient) pooled over economies and years, observed values only (carried ones would repeat an "
                + "observation); pairs above |r| = " + REDUNDANT + " are flagged.\n\n");
        for (String indicator : indicators(years)) {
            report.append(new InputCorrelations(indicator, samples(years, indicator)).describe()).append('\n');
        }
        report.append(new CoverageGaps(config.regions(), years).describe()).append('\n');
        report.append(new Links(years, Baseline.bundled()).describe());
        return report.toString();
    }

    private Map<String, List<YearScores>> score() {
        PluginHost host = new PluginHost(config::enabled);
        host.discover(Audit.class.getClassLoader(), "classpath");
        Baseline baseline = Baseline.bundled();
        List<ControlEvent> events = baseline.events();
        Map<String, List<YearScores>> out = new LinkedHashMap<>();
        try (Measurer measurer = new Measurer(host, Duration.ofMillis(config.plugins().measureTimeoutMs()))) {
            Scorer scorer = new Scorer(host, measurer, config, Clock.systemUTC());
            for (BallastConfig.Region region : config.regions()) {
                String code = region.code();
                List<ObservationRow> rows = baseline.observations().stream().filter(o -> o.region().equals(code))
                        .map(o -> new ObservationRow(null, o.region(), o.series(), o.period(), o.value(), o.source(),
                                Instant.EPOCH, o.vintage())).toList();
                out.put(code, scorer.score(code, RegionData.of(rows,
                        events.stream().filter(e -> e.targets().contains(code)).toList())));
            }
        }
        return out;
    }

    private static List<String> indicators(Map<String, List<YearScores>> years) {
        List<String> ids = new ArrayList<>();
        years.values().forEach(list -> list.forEach(y -> y.indicators().forEach(s -> {
            if (!ids.contains(s.id())) {
                ids.add(s.id());
            }
        })));
        return ids;
    }

    /** Every scored reading's observed inputs, by input key, one map per (economy, year). */
    private static List<Map<String, Double>> samples(Map<String, List<YearScores>> years, String indicator) {
        List<Map<String, Double>> out = new ArrayList<>();
        years.values().forEach(list -> list.forEach(y -> y.indicators().stream()
                .filter(s -> s.id().equals(indicator) && s.score() != null).forEach(s -> out.add(observed(s)))));
        return out;
    }

    private static Map<String, Double> observed(IndicatorScore s) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (InputScore c : s.components()) {
            if (!c.carried()) {
                values.put(c.key(), c.normalised());
            }
        }
        return values;
    }
}
