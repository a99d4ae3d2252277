package io.ballast.testkit;

import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.MissingDataPolicy;
import io.ballast.api.Parameter;
import io.ballast.api.PolicyEvent;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An {@link IndicatorContext} built from inline values or a CSV file, with the policy events and the missing-data rule
 * a test wants (by default none, and {@link MissingDataPolicy#DEFAULT}), for plugin tests.
 */
public final class TestContext implements IndicatorContext {

    /** The clock every test context uses: fixed, so measurements are repeatable. */
    public static final Clock FIXED_CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final String region;
    private final int period;
    private final SeriesValues values;
    private final Map<String, Double> settings;
    private final List<PolicyEvent> events;
    private final MissingDataPolicy missingData;

    private TestContext(String region, int period, SeriesValues values, Map<String, Double> settings,
                        List<PolicyEvent> events, MissingDataPolicy missingData) {
        this.region = region;
        this.period = period;
        this.values = values;
        this.settings = Map.copyOf(settings);
        this.events = List.copyOf(events);
        this.missingData = missingData;
    }

    /** Starts a context for a region and year. */
    public static Builder of(String region, int period) {
        return new Builder(region, period, new SeriesValues());
    }

    /**
     * A context for a region and year holding that region's values from a long-format CSV file with the header
     * {@code region,series,period,value}; see {@link Builder#csv(Reader)}.
     */
    public static TestContext fromCsv(String region, int period, Path csv) {
        return of(region, period).csv(csv).build();
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
        return values.value(seriesCode, year);
    }

    @Override
    public Map<String, Double> settings() {
        return settings;
    }

    @Override
    public Clock clock() {
        return FIXED_CLOCK;
    }

    @Override
    public List<PolicyEvent> events() {
        return events;
    }

    @Override
    public MissingDataPolicy missingData() {
        return missingData;
    }

    /** The same data, another year: handy for checking what a year's score depends on. */
    public TestContext atPeriod(int year) {
        return new TestContext(region, year, values, settings, events, missingData);
    }

    /** The codes of the series that have at least one value, in alphabetical order. */
    public Set<String> seriesCodes() {
        return values.codes();
    }

    /** Every value of one series, by year, earliest first; empty when the series has none. */
    public SortedMap<Integer, Double> series(String seriesCode) {
        return values.series(seriesCode);
    }

    /** A builder holding this context's region, period, values and settings, to derive a variant from. */
    public Builder toBuilder() {
        Builder builder = new Builder(region, period, values.mutableCopy());
        builder.settings.putAll(new TreeMap<>(settings));
        builder.events.addAll(events);
        builder.missingData = missingData;
        return builder;
    }

    @Override
    public String toString() {
        return ContextText.of(this);
    }

    /** Collects the values and settings of a {@link TestContext}. */
    public static final class Builder {
        private final String region;
        private final int period;
        private final SeriesValues values;
        private final Map<String, Double> settings = new LinkedHashMap<>();
        private final List<PolicyEvent> events = new ArrayList<>();
        private MissingDataPolicy missingData = MissingDataPolicy.DEFAULT;

        private Builder(String region, int period, SeriesValues values) {
            this.region = region;
            this.period = period;
            this.values = values;
        }

        /** One value of a series in a year. */
        public Builder value(String seriesCode, int year, double value) {
            values.put(seriesCode, year, value);
            return this;
        }

        /** The value of a series in the context's period. */
        public Builder value(String seriesCode, double value) {
            return value(seriesCode, period, value);
        }

        /** Drops every value of one series, as if the source had never had it. */
        public Builder withoutSeries(String seriesCode) {
            values.removeSeries(seriesCode);
            return this;
        }

        /** Drops every value of every series after {@code year}; settings stay. */
        public Builder withoutYearsAfter(int year) {
            values.removeYearsAfter(year);
            return this;
        }

        /** Drops every value of every series; settings stay. */
        public Builder withoutValues() {
            values.clear();
            return this;
        }

        /** The descriptor's parameter defaults, as the host would pass them. */
        public Builder defaultsOf(IndicatorDescriptor descriptor) {
            for (Parameter p : descriptor.parameters()) {
                settings.putIfAbsent(p.name(), p.defaultValue());
            }
            return this;
        }

        /** A policy event counted against the region (the host passes those of every year, earliest first). */
        public Builder event(PolicyEvent event) {
            events.add(event);
            events.sort(Comparator.comparing(PolicyEvent::date));
            return this;
        }

        /** Drops every event. */
        public Builder withoutEvents() {
            events.clear();
            return this;
        }

        /** The deployment's missing-data rule, instead of {@link MissingDataPolicy#DEFAULT}. */
        public Builder missingData(MissingDataPolicy policy) {
            missingData = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** A setting, as from the deployment's config. */
        public Builder setting(String name, double value) {
            settings.put(name, value);
            return this;
        }

        /** The values of this builder's region from a long-format CSV file (UTF-8); see {@link #csv(Reader)}. */
        public Builder csv(Path file) {
            values.putAll(LongCsv.read(file, region));
            return this;
        }

        /**
         * The values of this builder's region from long-format CSV text (the text itself, not a file name; for a
         * file use {@link #csv(Path)}); see {@link #csv(Reader)}.
         */
        public Builder csv(String text) {
            values.putAll(LongCsv.read(new StringReader(text), LongCsv.TEXT, region));
            return this;
        }

        /**
         * The values of this builder's region from long-format CSV: a header naming the columns {@code region},
         * {@code series}, {@code period} and {@code value} (in any order; other columns are ignored), then one line
         * per value, e.g. {@code CHN,GB.XPD.RSDV.GD.ZS,2023,2.58}.
         *
         * <ul>
         *   <li>Fields are trimmed; a UTF-8 byte-order mark and blank lines are skipped; a field may be quoted
         *       (RFC 4180), and then contain commas.</li>
         *   <li>A blank value is a gap: the series has no value that year.</li>
         *   <li>Lines for other regions are checked but otherwise ignored.</li>
         *   <li>A line with the wrong number of fields, a blank region or series, a period that is not a whole
         *       year, a value that is not a finite number, or a second value for the same series and year fails
         *       with an {@link IllegalArgumentException} naming its line number.</li>
         * </ul>
         *
         * <p>The reader is read to its end but not closed.
         */
        public Builder csv(Reader reader) {
            values.putAll(LongCsv.read(reader, "CSV", region));
            return this;
        }

        /** The context. */
        public TestContext build() {
            return new TestContext(region, period, values.frozen(), settings, events, missingData);
        }
    }
}
