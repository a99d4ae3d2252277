package io.ballast.bench;

import java.util.Locale;

/** The two servers the fan-out benchmark measures: Ballast, and {@link BareBroadcaster} as its floor. */
enum FanOutTarget {
    BALLAST,
    BARE;

    /** The name the progress lines, log files and table use: {@code ballast} or {@code bare}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The path of China's score stream on this server. */
    String streamPath() {
        return this == BALLAST ? "/api/v1/stream?region=CHN" : "/stream?region=CHN";
    }
}
