package io.ballast.server.score;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An indicator's reading for one region and year, as stored and served. {@code score} is null when the reading is
 * withheld ({@code withheld} says why: too little input, or the plugin failed). {@code additive} says whether the
 * score is the weighted mean of its components' normalised values, which like-for-like changes and ranks rely on.
 * {@code vintages} names, per input series, the vintage of the values used.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndicatorScore(
        String id, String name, @JsonInclude(JsonInclude.Include.ALWAYS) Double score, int period,
        List<InputScore> components, String explanation, double coverage, List<String> missing, Basket basket,
        Subscores subscores, boolean additive, Change change, String withheld, Map<String, String> vintages) {

    public IndicatorScore {
        components = List.copyOf(components);
        missing = List.copyOf(missing);
        vintages = vintages == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(vintages));
    }

    /** A year without a reading, and why. */
    static IndicatorScore withheld(String id, String name, int period, double coverage, List<String> missing,
                                   Basket basket, String reason) {
        return new IndicatorScore(id, name, null, period, List.of(), null, coverage, missing, basket,
                Subscores.NONE, false, null, reason, Map.of());
    }

    /** Whether there is a score. */
    boolean scored() {
        return score != null;
    }

    /** This reading with its change since the previous year. */
    IndicatorScore withChange(Change next) {
        return new IndicatorScore(id, name, score, period, components, explanation, coverage, missing, basket,
                subscores, additive, next, withheld, vintages);
    }

    /** The weight of every input of the basket, present or not: the present weight over the coverage. */
    double totalWeight() {
        double present = components.stream().mapToDouble(InputScore::weight).sum();
        return coverage == 0 ? 0 : present / coverage;
    }
}
