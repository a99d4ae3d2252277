package io.ballast.api;

/** One input's part in a reading: the raw value from its series, its 0-100 normalised value and its weight. */
public record Component(String label, String series, double raw, double normalised, double weight) {

    public Component {
        Checks.notBlank(label, "component label");
        Checks.notBlank(series, "series of component '" + label + "'");
        Checks.finite(raw, "raw value of '" + label + "'");
        Checks.within(normalised, 0, 100, "normalised value of '" + label + "'");
        Checks.within(weight, 0, Double.MAX_VALUE, "weight of '" + label + "'");
    }
}
