package io.ballast.server.score;

import io.ballast.api.Means;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.BallastConfig.CompositeMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * How indicator scores combine into one number: a weighted geometric mean by default (a weak indicator cannot be
 * hidden by a strong one), arithmetic when configured, with each indicator's configured weight (1 when the config does
 * not name it). The composite, its like-for-like changes and ranks, and the sub-indices all combine this way.
 */
record Aggregation(CompositeMethod method, Map<String, Double> weights) {

    Aggregation {
        weights = Map.copyOf(weights);
    }

    /** The aggregation a configuration asks for. */
    static Aggregation of(BallastConfig config) {
        Map<String, Double> weights = new java.util.HashMap<>();
        config.indicators().forEach((id, settings) -> weights.put(id, settings.weight()));
        return new Aggregation(config.scoring().method(), weights);
    }

    double weight(String indicator) {
        return weights.getOrDefault(indicator, 1.0);
    }

    /** The method's name as served. */
    String name() {
        return method.name().toLowerCase(Locale.ROOT);
    }

    /** Combines the scores of {@code ids} (those with weight 0 left out); NaN when no weight is left. */
    double combine(List<String> ids, ToDoubleFunction<String> score) {
        List<Double> values = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        for (String id : ids) {
            double w = weight(id);
            if (w > 0) {
                values.add(score.applyAsDouble(id));
                ws.add(w);
            }
        }
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        double[] w = ws.stream().mapToDouble(Double::doubleValue).toArray();
        return method == CompositeMethod.GEOMETRIC ? Means.geometric(v, w) : Means.arithmetic(v, w);
    }
}
