package io.ballast.server.score;

import io.ballast.server.config.BallastConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Great Leap Forward check: over the configured window, did the capacity indicator rise while the labor
 * indicator fell, each by more than the minimum change? Output pushed while the people producing it fare worse is
 * what a strong composite must not hide.
 */
final class Divergence {

    static final String KIND = "capacity-labor-divergence";

    private final BallastConfig.Divergence rule;

    Divergence(BallastConfig.Divergence rule) {
        this.rule = rule;
    }

    /** How many years before the first scored year the check needs to look back. */
    int window() {
        return rule.window();
    }

    /** The warning for {@code year}, given every year's readings by year, if the two diverge. */
    Optional<Warning> check(int year, Map<Integer, List<IndicatorScore>> readings) {
        int start = year - rule.window();
        Optional<Double> capacityNow = score(readings, year, rule.capacity());
        Optional<Double> capacityThen = score(readings, start, rule.capacity());
        Optional<Double> laborNow = score(readings, year, rule.labor());
        Optional<Double> laborThen = score(readings, start, rule.labor());
        if (capacityNow.isEmpty() || capacityThen.isEmpty() || laborNow.isEmpty() || laborThen.isEmpty()) {
            return Optional.empty();
        }
        double capacityRise = capacityNow.get() - capacityThen.get();
        double laborFall = laborThen.get() - laborNow.get();
        if (capacityRise <= rule.minChange() || laborFall <= rule.minChange()) {
            return Optional.empty();
        }
        return Optional.of(new Warning(KIND, String.format(Locale.ROOT,
                "Capacity rose %.1f points from %d to %d while labor conditions fell %.1f points: output is being "
                        + "pushed while the people producing it fare worse.", capacityRise, start, year, laborFall)));
    }

    /** Indexes a run's readings by year. */
    static Map<Integer, List<IndicatorScore>> byYear(List<YearScores> years) {
        Map<Integer, List<IndicatorScore>> out = new HashMap<>();
        years.forEach(y -> out.put(y.period(), y.indicators()));
        return out;
    }

    private static Optional<Double> score(Map<Integer, List<IndicatorScore>> readings, int year, String id) {
        return readings.getOrDefault(year, List.of()).stream().filter(s -> s.id().equals(id)).findFirst()
                .map(IndicatorScore::score);
    }
}
