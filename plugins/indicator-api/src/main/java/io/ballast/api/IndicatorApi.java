package io.ballast.api;

/** The version of this plugin contract; the host refuses plugins built against another major version. */
public final class IndicatorApi {

    /** Bumped on a breaking change to any type in this package. */
    public static final int MAJOR = 1;

    /** Bumped when something is added without breaking existing plugins. */
    public static final int MINOR = 1;

    private IndicatorApi() {
    }

    /** The version as {@code MAJOR.MINOR}. */
    public static String version() {
        return MAJOR + "." + MINOR;
    }
}
