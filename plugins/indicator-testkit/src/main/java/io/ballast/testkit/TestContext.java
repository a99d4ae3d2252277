package io.ballast.testkit;

import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.Parameter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** An {@link IndicatorContext} built from inline values, for plugin tests. */
public final class TestContext implements IndicatorContext {

    /** The clock every test context uses: fixed, so measurements are repeatable. */
    public static final Clock FIXED_CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final String region;
    private final int period;
    private final Map<String, Map<Integer, Double>> values;
    private final Map<String, Double> settings;

    private TestContext(String region, int period, Map<String, Map<Integer, Double>> values,
                        Map<String, Double> settings) {
        this.region = region;
        this.period = period;
        this.values = values;
        this.settings = Map.copyOf(settings);
    }

    /** Starts a context for a region and year. */
    public static Builder of(String region, int period) {
        return new Builder(region, period);
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
        return settings;
    }

    @Override
    public Clock clock() {
        return FIXED_CLOCK;
    }

    /** The same data, another year: handy for checking what a year's score depends on. */
    public TestContext atPeriod(int year) {
        return new TestContext(region, year, values, settings);
    }

    /** Collects the values and settings of a {@link TestContext}. */
    public static final class Builder {
        private final String region;
        private final int period;
        private final Map<String, Map<Integer, Double>> values = new HashMap<>();
        private final Map<String, Double> settings = new LinkedHashMap<>();

        private Builder(String region, int period) {
            this.region = region;
            this.period = period;
        }

        /** One value of a series in a year. */
        public Builder value(String seriesCode, int year, double value) {
            values.computeIfAbsent(seriesCode, k -> new HashMap<>()).put(year, value);
            return this;
        }

        /** The value of a series in the context's period. */
        public Builder value(String seriesCode, double value) {
            return value(seriesCode, period, value);
        }

        /** The descriptor's parameter defaults, as the host would pass them. */
        public Builder defaultsOf(IndicatorDescriptor descriptor) {
            for (Parameter p : descriptor.parameters()) {
                settings.putIfAbsent(p.name(), p.defaultValue());
            }
            return this;
        }

        /** A setting, as from the deployment's config. */
        public Builder setting(String name, double value) {
            settings.put(name, value);
            return this;
        }

        /** The context. */
        public TestContext build() {
            var copy = new HashMap<String, Map<Integer, Double>>();
            values.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
            return new TestContext(region, period, Map.copyOf(copy), settings);
        }
    }
}
