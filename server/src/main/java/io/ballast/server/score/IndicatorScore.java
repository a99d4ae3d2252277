package io.ballast.server.score;

import io.ballast.api.Component;
import java.util.List;

/** An indicator's reading for one region and year, as stored and served. */
public record IndicatorScore(
        String id, String name, double score, int period, List<Component> components, String explanation,
        double coverage, List<String> missing) {
}
