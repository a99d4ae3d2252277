package io.ballast.server.score;

import io.ballast.server.config.BallastConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates the configured alert rules on a region's latest scores: a score below a threshold, a like-for-like drop
 * of more than N points on the previous year (no alert when no like-for-like change can be had), or the capacity-labor
 * divergence warning on the latest composite.
 */
final class AlertRules {

    private final List<BallastConfig.AlertRule> rules;

    AlertRules(List<BallastConfig.AlertRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The alerts that hold for a region, given its computed years. */
    List<Alert> evaluate(String region, List<YearScores> years) {
        List<Alert> alerts = new ArrayList<>();
        for (BallastConfig.AlertRule rule : rules) {
            Optional<Latest> found = latest(years, rule.indicator());
            if (found.isEmpty()) {
                continue;
            }
            Latest l = found.get();
            String name = rule.indicator().equals(ScoreQueries.COMPOSITE) ? "The composite" : rule.indicator();
            rule.below().filter(threshold -> l.score() < threshold).ifPresent(threshold ->
                    alerts.add(new Alert(rule.name(), region, rule.indicator(), l.year(), String.format(Locale.ROOT,
                            "%s of %s is %.1f in %d, below %.1f.", name, region, l.score(), l.year(), threshold))));
            if (l.change() != null && l.change().known()) {
                double fell = -l.change().value();
                rule.drop().filter(points -> fell > points).ifPresent(points ->
                        alerts.add(new Alert(rule.name(), region, rule.indicator(), l.year(), String.format(
                                Locale.ROOT, "%s of %s fell %.1f points from %d to %d, like for like (%s).", name,
                                region, fell, l.change().from(), l.year(), l.change().basis()))));
            }
            if (rule.divergence() && l.divergence() != null && l.divergence().fired()) {
                alerts.add(new Alert(rule.name(), region, rule.indicator(), l.year(), l.divergence().message()));
            }
        }
        return alerts;
    }

    /** The latest scored value of a score, its change and (for the composite) its divergence check. */
    private record Latest(int year, double score, Change change, DivergenceCheck divergence) {
    }

    private static Optional<Latest> latest(List<YearScores> years, String indicator) {
        for (int i = years.size() - 1; i >= 0; i--) {
            YearScores y = years.get(i);
            if (indicator.equals(ScoreQueries.COMPOSITE)) {
                CompositeScore c = y.composite();
                if (c.scored()) {
                    return Optional.of(new Latest(y.period(), c.score(), c.change(), c.divergence()));
                }
            } else {
                for (IndicatorScore s : y.indicators()) {
                    if (s.id().equals(indicator) && s.scored()) {
                        return Optional.of(new Latest(y.period(), s.score(), s.change(), null));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
