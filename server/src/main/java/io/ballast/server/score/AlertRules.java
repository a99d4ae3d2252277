package io.ballast.server.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.store.ScoreRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates the configured alert rules on a region's latest scores: a score below a threshold, a drop of more than N
 * points on the previous year, or the capacity-labor divergence warning on the latest composite.
 */
final class AlertRules {

    private final List<BallastConfig.AlertRule> rules;
    private final ObjectMapper json;

    AlertRules(List<BallastConfig.AlertRule> rules, ObjectMapper json) {
        this.rules = List.copyOf(rules);
        this.json = json;
    }

    /** The alerts that hold for a region, given all its stored scores. */
    List<Alert> evaluate(String region, List<ScoreRow> rows) {
        Map<String, Map<Integer, ScoreRow>> byIndicator = new HashMap<>();
        for (ScoreRow row : rows) {
            byIndicator.computeIfAbsent(row.indicator(), k -> new HashMap<>()).put(row.period(), row);
        }
        List<Alert> alerts = new ArrayList<>();
        for (BallastConfig.AlertRule rule : rules) {
            Map<Integer, ScoreRow> series = byIndicator.get(rule.indicator());
            if (series == null || series.isEmpty()) {
                continue;
            }
            int year = series.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
            ScoreRow latest = series.get(year);
            String name = rule.indicator().equals(ScoreQueries.COMPOSITE) ? "The composite" : rule.indicator();
            rule.below().filter(threshold -> latest.score() < threshold).ifPresent(threshold ->
                    alerts.add(new Alert(rule.name(), region, rule.indicator(), year, String.format(Locale.ROOT,
                            "%s of %s is %.1f in %d, below %.1f.", name, region, latest.score(), year, threshold))));
            ScoreRow before = series.get(year - 1);
            rule.drop().filter(points -> before != null && before.score() - latest.score() > points).ifPresent(p ->
                    alerts.add(new Alert(rule.name(), region, rule.indicator(), year, String.format(Locale.ROOT,
                            "%s of %s fell %.1f points from %d to %d (%.1f to %.1f).", name, region,
                            before.score() - latest.score(), year - 1, year, before.score(), latest.score()))));
            if (rule.divergence()) {
                divergence(latest).ifPresent(message ->
                        alerts.add(new Alert(rule.name(), region, rule.indicator(), year, message)));
            }
        }
        return alerts;
    }

    private java.util.Optional<String> divergence(ScoreRow composite) {
        try {
            for (JsonNode w : json.readTree(composite.detail()).path("warnings")) {
                if (w.path("kind").asText().equals(Divergence.KIND)) {
                    return java.util.Optional.of(w.path("message").asText());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored composite detail is not JSON", e);
        }
        return java.util.Optional.empty();
    }
}
