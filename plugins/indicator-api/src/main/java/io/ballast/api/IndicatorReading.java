package io.ballast.api;

import java.util.List;

/**
 * The result of one measurement: a 0-100 score (higher is more resilient), the components behind it, one sentence
 * saying why, the share of the input that was present (0-1) and the inputs that were missing.
 */
public record IndicatorReading(
        double score, List<Component> components, String explanation, double coverage, List<String> missing) {

    public IndicatorReading {
        Checks.within(score, 0, 100, "score");
        components = List.copyOf(components);
        Checks.notBlank(explanation, "explanation");
        Checks.within(coverage, 0, 1, "coverage");
        missing = List.copyOf(missing);
        if (coverage == 0) {
            throw new IllegalArgumentException("coverage 0 means nothing was measured: throw MissingDataException");
        }
    }
}
