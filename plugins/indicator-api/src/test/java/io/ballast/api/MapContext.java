package io.ballast.api;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** A minimal {@link IndicatorContext} for the API's own tests (the testkit depends on this module, not vice versa). */
final class MapContext implements IndicatorContext {

    private final String region;
    private final int period;
    private final Map<String, Map<Integer, Double>> values = new HashMap<>();
    private final Map<String, Double> settings = new HashMap<>();
    private MissingDataPolicy policy = MissingDataPolicy.DEFAULT;

    private MapContext(String region, int period) {
        this.region = region;
        this.period = period;
    }

    static MapContext of(String region, int period) {
        return new MapContext(region, period);
    }

    MapContext with(String code, int year, double value) {
        values.computeIfAbsent(code, k -> new HashMap<>()).put(year, value);
        return this;
    }

    MapContext with(String code, double value) {
        return with(code, period, value);
    }

    MapContext policy(MissingDataPolicy missingData) {
        policy = missingData;
        return this;
    }

    @Override
    public MissingDataPolicy missingData() {
        return policy;
    }

    MapContext setting(String name, double value) {
        settings.put(name, value);
        return this;
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public int period() {
        return period;
    }

    @Override
    public OptionalDouble value(String seriesCode, int year) {
        Double v = values.getOrDefault(seriesCode, Map.of()).get(year);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    @Override
    public Map<String, Double> settings() {
        return Map.copyOf(settings);
    }

    @Override
    public Clock clock() {
        return Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    }
}
