package io.ballast.server.score;

import io.ballast.api.Component;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An indicator's reading for one region and year, as stored and served; {@code vintages} names, per input series, the
 * vintage of the values the reading used (series without a known vintage are left out).
 */
public record IndicatorScore(
        String id, String name, double score, int period, List<Component> components, String explanation,
        double coverage, List<String> missing, Map<String, String> vintages) {

    public IndicatorScore {
        vintages = vintages == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(vintages));
    }

    /** A reading without vintages. */
    public IndicatorScore(String id, String name, double score, int period, List<Component> components,
                          String explanation, double coverage, List<String> missing) {
        this(id, name, score, period, components, explanation, coverage, missing, Map.of());
    }
}
