package io.ballast.bench;

import java.util.Locale;

/**
 * The servers the fan-out benchmark measures: Ballast as configured by default, Ballast without the uncertainty
 * analysis (which competes with delivery for the cores after every change), and {@link BareBroadcaster} as the floor.
 */
enum FanOutTarget {
    BALLAST,
    BALLAST_NO_ANALYSIS,
    BARE;

    /** The name the progress lines, log files and table use: {@code ballast}, {@code ballast-no-analysis}, ... */
    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether this is a Ballast server (either configuration). */
    boolean ballast() {
        return this != BARE;
    }

    /** The configuration this target adds to the benchmark's own (YAML). */
    String extraYaml() {
        return this == BALLAST_NO_ANALYSIS ? "uncertainty:\n  enabled: false\n" : "";
    }

    /** The path of China's score stream on this server. */
    String streamPath() {
        return ballast() ? "/api/v1/stream?region=CHN" : "/stream?region=CHN";
    }
}
