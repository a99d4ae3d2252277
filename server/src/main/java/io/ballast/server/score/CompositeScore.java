package io.ballast.server.score;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The composite of a region in one year: score (null when withheld, with the reason), method, the weighted share of
 * all inputs present or carried ({@code coverage}), the indicators it combines and those missing, every input used,
 * carried and missing (keys as {@code indicator/input}), the vulnerability
 * and capacity sub-indices, its like-for-like change since the previous year, the capacity-labor divergence check
 * and the warnings it raised, and the vintages its indicators used (series code → vintage).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompositeScore(@JsonInclude(JsonInclude.Include.ALWAYS) Double score, String method, double coverage,
                             List<String> indicators, List<String> missing, Basket basket, Subscores subindices,
                             Change change, DivergenceCheck divergence, List<Warning> warnings, String withheld,
                             Map<String, String> vintages) {

    public CompositeScore {
        indicators = List.copyOf(indicators);
        missing = List.copyOf(missing);
        warnings = List.copyOf(warnings);
        vintages = vintages == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(vintages));
    }

    /** Whether there is a score. */
    boolean scored() {
        return score != null;
    }

    /** This composite with its change since the previous year. */
    CompositeScore withChange(Change next) {
        return new CompositeScore(score, method, coverage, indicators, missing, basket, subindices, next, divergence,
                warnings, withheld, vintages);
    }

    /** This composite with the divergence check of its year, and the warning it raised if it fired. */
    CompositeScore withDivergence(DivergenceCheck check) {
        List<Warning> more = check.warning().map(List::of).orElse(List.of());
        return new CompositeScore(score, method, coverage, indicators, missing, basket, subindices, change, check,
                more, withheld, vintages);
    }
}
