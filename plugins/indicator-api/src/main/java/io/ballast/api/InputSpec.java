package io.ballast.api;

import java.util.List;
import java.util.Optional;

/**
 * One input of an indicator's basket as declared in its descriptor: a stable {@code key} (lower-case words joined by
 * dashes), the label viewers read, the series it reads (empty when it is derived from events), whether it is a
 * vulnerability or a capacity, its default goalposts (which also say whether higher is better) and its default
 * weight. The host lists the basket in {@code GET /api/v1/indicators} and names missing inputs by it.
 */
public record InputSpec(String key, String label, List<String> series, Optional<Role> role, Goalposts goalposts,
                        double weight) {

    public InputSpec {
        Checks.id(key, "input key");
        Checks.notBlank(label, "label of input '" + key + "'");
        series = List.copyOf(series);
        series.forEach(code -> Checks.notBlank(code, "series code of input '" + key + "'"));
        if (role == null) {
            throw new IllegalArgumentException("role of input '" + key + "' must be given (Optional.empty() when "
                    + "untagged)");
        }
        if (goalposts == null) {
            throw new IllegalArgumentException("goalposts of input '" + key + "' must be given");
        }
        Checks.within(weight, 0, Double.MAX_VALUE, "weight of input '" + key + "'");
    }
}
