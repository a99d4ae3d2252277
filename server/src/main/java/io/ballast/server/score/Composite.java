package io.ballast.server.score;

import io.ballast.api.Means;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.BallastConfig.CompositeMethod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Combines indicator scores into the composite: a weighted geometric mean by default (a weak indicator cannot be
 * hidden by a strong one), arithmetic when configured. A missing indicator is named and lowers coverage; it never
 * counts as zero. Below the configured share of weight present there is no composite at all.
 */
final class Composite {

    private final BallastConfig config;

    Composite(BallastConfig config) {
        this.config = config;
    }

    /**
     * @param present  the readings of one region and year
     * @param expected the ids of every indicator the composite should have
     */
    Optional<CompositeScore> combine(List<IndicatorScore> present, List<String> expected) {
        Map<String, IndicatorScore> byId = present.stream()
                .collect(Collectors.toMap(IndicatorScore::id, Function.identity()));
        double totalWeight = 0;
        double presentWeight = 0;
        double coveredWeight = 0;
        List<Double> values = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : expected) {
            double weight = config.weightOf(id);
            totalWeight += weight;
            IndicatorScore score = byId.get(id);
            if (score == null) {
                missing.add(id);
            } else if (weight > 0) {
                presentWeight += weight;
                coveredWeight += weight * score.coverage();
                values.add(score.score());
                weights.add(weight);
            }
        }
        if (totalWeight == 0 || values.isEmpty() || presentWeight / totalWeight < config.scoring().minCoverage()) {
            return Optional.empty();
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        CompositeMethod method = config.scoring().method();
        double score = method == CompositeMethod.GEOMETRIC ? Means.geometric(v, w) : Means.arithmetic(v, w);
        Map<String, String> vintages = new TreeMap<>();
        present.forEach(s -> vintages.putAll(s.vintages()));
        return Optional.of(new CompositeScore(Scorer.round(score), method.name().toLowerCase(Locale.ROOT),
                Scorer.round(coveredWeight / totalWeight, 4), List.copyOf(missing), List.of(),
                Collections.unmodifiableMap(vintages)));
    }
}
