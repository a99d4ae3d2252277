package io.ballast.api;

import java.util.regex.Pattern;

/** Argument checks shared by the records of this package. */
final class Checks {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private Checks() {
    }

    static String notBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static String id(String value, String name) {
        notBlank(value, name);
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    name + " '" + value + "' must be lower-case letters and digits separated by single dashes");
        }
        return value;
    }

    static double finite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, was " + value);
        }
        return value;
    }

    static double within(double value, double min, double max, String name) {
        finite(value, name);
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be within " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}
