package io.ballast.api;

import java.util.Optional;

/**
 * One input's part in a reading: its stable key, the label viewers read, the series it came from, the raw value, its
 * 0-100 normalised value (higher is more resilient) and its weight; whether it is a vulnerability or a capacity; the
 * goalposts it was normalised between (the host uses them to recompute the reading under other choices); and its
 * {@code lag}: 0 for a value of the measured period, n for a value carried forward from n years earlier.
 */
public record Component(String key, String label, String series, double raw, double normalised, double weight,
                        Optional<Role> role, Optional<Goalposts> goalposts, int lag) {

    public Component {
        Checks.notBlank(key, "component key");
        Checks.notBlank(label, "label of component '" + key + "'");
        Checks.notBlank(series, "series of component '" + label + "'");
        Checks.finite(raw, "raw value of '" + label + "'");
        Checks.within(normalised, 0, 100, "normalised value of '" + label + "'");
        Checks.within(weight, 0, Double.MAX_VALUE, "weight of '" + label + "'");
        if (role == null || goalposts == null) {
            throw new IllegalArgumentException("role and goalposts of '" + label + "' must be given (Optional.empty() "
                    + "when not known)");
        }
        if (lag < 0 || lag > 100) {
            throw new IllegalArgumentException("lag of '" + label + "' must be within 0 and 100 years, was " + lag);
        }
        goalposts.ifPresent(g -> {
            double expected = g.normalise(raw);
            if (Math.abs(expected - normalised) > 1e-6) {
                throw new IllegalArgumentException("normalised value of '" + label + "' is " + normalised
                        + " but its goalposts " + g + " give " + expected + " for the raw value " + raw);
            }
        });
    }

    /** A component as API 1.0 described it: keyed by its series, untagged, without goalposts, of the measured year. */
    public Component(String label, String series, double raw, double normalised, double weight) {
        this(series, label, series, raw, normalised, weight, Optional.empty(), Optional.empty(), 0);
    }

    /** Whether the raw value was carried forward from an earlier year. */
    public boolean carried() {
        return lag > 0;
    }
}
