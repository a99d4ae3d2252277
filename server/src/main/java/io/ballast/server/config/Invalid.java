package io.ballast.server.config;

/**
 * A value that does not fit its key, thrown while a configuration record is built. {@code key} is relative to the
 * record that threw (a component name, or a dotted path for a check across sections); the binder adds where that record
 * sits in the file, and where the value came from.
 */
final class Invalid extends RuntimeException {

    private final String key;
    private final String expected;

    Invalid(String key, String expected) {
        super(key + " must be " + expected, null, false, false);
        this.key = key;
        this.expected = expected;
    }

    /** The key, relative to the record that threw. */
    String key() {
        return key;
    }

    /** What the value must be, phrased to follow "must be". */
    String expected() {
        return expected;
    }

    /** Throws unless {@code ok}. */
    static void unless(boolean ok, String key, String expected) {
        if (!ok) {
            throw new Invalid(key, expected);
        }
    }

    /** {@code value}, when it is neither null nor blank; otherwise throws naming the key. */
    static String text(String value, String key) {
        unless(value != null && !value.isBlank(), key, "a non-empty text");
        return value;
    }

    /** {@code value}, when it is not null; otherwise throws naming the key and what it must hold. */
    static <T> T present(T value, String key, String expected) {
        unless(value != null, key, expected);
        return value;
    }
}
