package io.ballast.server.score;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ballast.api.Component;
import io.ballast.api.Goalposts;

/**
 * One input's part in a reading, as stored and served: its key, label and series, the raw value, the 0-100 normalised
 * value and weight, its role ({@code vulnerability} or {@code capacity}, null when the plugin does not say), the goalposts
 * it was normalised between (null when not given), and the year the raw value is from ({@code carried} when that is
 * before the reading's period).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputScore(String key, String label, String series, double raw, double normalised, double weight,
                         String role, Limits goalposts, int dataYear, boolean carried) {

    /** Goalposts as served: the raw values that map to 0 and 100, and which way is better. */
    public record Limits(double lower, double upper, String direction) {

        /** The goalposts as served. */
        public static Limits of(Goalposts g) {
            return new Limits(g.lower(), g.upper(), g.direction() == io.ballast.api.Direction.HIGHER_IS_BETTER
                    ? "higher-is-better" : "lower-is-better");
        }
    }

    /** A plugin's component measured for {@code period}. */
    static InputScore of(Component c, int period) {
        return new InputScore(c.key(), c.label(), c.series(), c.raw(), c.normalised(), c.weight(),
                c.role().map(r -> r.name().toLowerCase(java.util.Locale.ROOT)).orElse(null),
                c.goalposts().map(Limits::of).orElse(null), period - c.lag(), c.lag() > 0);
    }
}
