package io.ballast.server.score;

import io.ballast.api.IndicatorContext;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalDouble;

/** The {@link IndicatorContext} the host hands a plugin: one region's data, one year, the plugin's settings. */
record SnapshotContext(String region, int period, RegionData data, Map<String, Double> settings, Clock clock)
        implements IndicatorContext {

    @Override
    public OptionalDouble value(String seriesCode, int year) {
        return data.value(seriesCode, year);
    }
}
