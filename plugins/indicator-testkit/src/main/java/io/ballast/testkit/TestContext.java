package io.ballast.testkit;

import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.Parameter;
import io.ballast.api.MissingDataPolicy;
import io.ballast.api.PolicyEvent;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * An {@link IndicatorContext} built from inline values or a CSV file, with the policy events and the missing-data rule
 * a test wants (by default none, and {@link MissingDataPolicy#DEFAULT}), for plugin tests.
 */
public final class TestContext implements IndicatorContext {

    /** The clock every test context uses: fixed, so measurements are repeatable. */
    public static final Clock FIXED_CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final String region;
    private final int period;
    private final Map<String, Map<Integer, Double>> values;
    private final Map<String, Double> settings;
    private final List<PolicyEvent> events;
    private final MissingDataPolicy missingData;

    private TestContext(String region, int period, Map<String, Map<Integer, Double>> values,
                        Map<String, Double> settings, List<PolicyEvent> events, MissingDataPolicy missingData) {
        this.region = region;
        this.period = period;
        this.values = values;
        this.settings = Map.copyOf(settings);
        this.events = List.copyOf(events);
        this.missingData = missingData;
    }

    /** Starts a context for a region and year. */
    public static Builder of(String region, int period) {
        return new Builder(region, period);
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
        return Collections.unmodifiableSet(new TreeSet<>(values.keySet()));
    }

    /** Every value of one series, by year, earliest first; empty when the series has none. */
    public SortedMap<Integer, Double> series(String seriesCode) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(values.getOrDefault(seriesCode, Map.of())));
    }

    /** A builder holding this context's region, period, values and settings, to derive a variant from. */
    public Builder toBuilder() {
        Builder builder = new Builder(region, period);
        values.forEach((code, byYear) -> builder.values.put(code, new HashMap<>(byYear)));
        builder.settings.putAll(new TreeMap<>(settings));
        builder.events.addAll(events);
        builder.missingData = missingData;
        return builder;
    }

    @Override
    public String toString() {
        var text = new StringBuilder("TestContext[").append(region).append(' ').append(period);
        for (String code : seriesCodes()) {
            text.append(", ").append(code).append('=').append(series(code));
        }
        if (!settings.isEmpty()) {
            text.append(", settings=").append(new TreeMap<>(settings));
        }
        if (!events.isEmpty()) {
            text.append(", events=").append(events.stream().map(e -> e.date() + " " + e.type()).toList());
        }
        if (!missingData.equals(MissingDataPolicy.DEFAULT)) {
            text.append(", ").append(missingData);
        }
        return text.append(']').toString();
    }

    /** Collects the values and settings of a {@link TestContext}. */
    public static final class Builder {
        private final String region;
        private final int period;
        private final Map<String, Map<Integer, Double>> values = new HashMap<>();
        private final Map<String, Double> settings = new LinkedHashMap<>();
        private final List<PolicyEvent> events = new ArrayList<>();
        private MissingDataPolicy missingData = MissingDataPolicy.DEFAULT;

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

        /** Drops every value of one series, as if the source had never had it. */
        public Builder withoutSeries(String seriesCode) {
            values.remove(seriesCode);
            return this;
        }

        /** Drops every value of every series after {@code year}; settings stay. */
        public Builder withoutYearsAfter(int year) {
            values.values().forEach(byYear -> byYear.keySet().removeIf(y -> y > year));
            values.values().removeIf(Map::isEmpty);
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
            events.sort(java.util.Comparator.comparing(PolicyEvent::date));
            return this;
        }

        /** Drops every event. */
        public Builder withoutEvents() {
            events.clear();
            return this;
        }

        /** The deployment's missing-data rule, instead of {@link MissingDataPolicy#DEFAULT}. */
        public Builder missingData(MissingDataPolicy policy) {
            missingData = java.util.Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** A setting, as from the deployment's config. */
        public Builder setting(String name, double value) {
            settings.put(name, value);
            return this;
        }

        /** The values of this builder's region from a long-format CSV file (UTF-8); see {@link #csv(Reader)}. */
        public Builder csv(Path file) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return csv(reader, String.valueOf(file.getFileName()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        /**
         * The values of this builder's region from long-format CSV text (the text itself, not a file name; for a
         * file use {@link #csv(Path)}); see {@link #csv(Reader)}.
         */
        public Builder csv(String text) {
            return csv(new StringReader(text), Csv.TEXT);
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
            return csv(reader, "CSV");
        }

        private Builder csv(Reader reader, String source) {
            Map<String, Map<Integer, Double>> read = Csv.read(reader, source, region);
            read.forEach((code, byYear) -> byYear.forEach((year, v) -> value(code, year, v)));
            return this;
        }

        /** The context. */
        public TestContext build() {
            var copy = new HashMap<String, Map<Integer, Double>>();
            values.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
            return new TestContext(region, period, Map.copyOf(copy), settings, events, missingData);
        }
    }

    /** A reader, on Commons CSV, for the long-format CSV that {@link Builder#csv(Reader)} describes. */
    private static final class Csv {

        static final String TEXT = "CSV text";
        private static final List<String> COLUMNS = List.of("region", "series", "period", "value");
        private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
        private static final Pattern YEAR = Pattern.compile("[+-]?\\d{1,9}");
        private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
                .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).setTrim(true).get();

        private Csv() {
        }

        static Map<String, Map<Integer, Double>> read(Reader reader, String source, String region) {
            var out = new LinkedHashMap<String, Map<Integer, Double>>();
            var firstLine = new HashMap<String, Integer>();
            try {
                String text = withoutByteOrderMark(readAll(reader));
                CSVParser parser = FORMAT.parse(new StringReader(text));
                int[] newlines = java.util.stream.IntStream.range(0, text.length())
                        .filter(i -> text.charAt(i) == '\n').toArray();
                int[] columns = null;
                int width = 0;
                for (CSVRecord record : parser) {
                    int number = lineOf(newlines, firstNonBlank(text, record.getCharacterPosition()));
                    List<String> fields = record.toList();
                    if (columns == null) {
                        columns = header(fields, source, number, String.join(",", fields));
                        width = fields.size();
                        continue;
                    }
                    if (fields.size() != width) {
                        throw bad(source, number, "expected " + width + " comma-separated fields as in the header, "
                                + "found " + fields.size() + " in '" + String.join(",", fields) + "'");
                    }
                    add(out, firstLine, region, source, number, fields.get(columns[0]), fields.get(columns[1]),
                            fields.get(columns[2]), fields.get(columns[3]));
                }
                if (columns == null) {
                    throw new IllegalArgumentException(source + " is empty: expected the header "
                            + String.join(",", COLUMNS) + " and one line per value");
                }
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException(source + ": " + e.getCause().getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
            }
            return out;
        }

        /** One value line: checked, then kept when it belongs to {@code region} and is not a gap. */
        private static void add(Map<String, Map<Integer, Double>> out, Map<String, Integer> firstLine, String region,
                                String source, int number, String lineRegion, String series, String period,
                                String value) {
            if (lineRegion.isEmpty()) {
                throw bad(source, number, "the region is blank");
            }
            if (series.isEmpty()) {
                throw bad(source, number, "the series code is blank");
            }
            if (!YEAR.matcher(period).matches()) {
                throw bad(source, number, "period '" + period + "' is not a whole year such as 2023");
            }
            int year = Integer.parseInt(period.startsWith("+") ? period.substring(1) : period);
            Double parsed = null;
            if (!value.isEmpty()) {
                if (!NUMBER.matcher(value).matches()) {
                    throw bad(source, number, "value '" + value + "' is not a number such as 2.58 or 1.2e9 "
                            + "(leave it blank for a gap)");
                }
                parsed = Double.parseDouble(value);
                if (!Double.isFinite(parsed)) {
                    throw bad(source, number, "value '" + value + "' is too large for a double");
                }
            }
            String key = lineRegion + "," + series + "," + year;
            Integer earlier = firstLine.putIfAbsent(key, number);
            if (earlier != null) {
                throw bad(source, number, "a second line for region " + lineRegion + ", series " + series
                        + ", period " + year + " (the first is line " + earlier + ")");
            }
            if (parsed != null && lineRegion.equals(region)) {
                out.computeIfAbsent(series, k -> new TreeMap<>()).put(year, parsed);
            }
        }

        /** Where a record really starts: its reported position may be that of the blank lines skipped before it. */
        private static long firstNonBlank(String text, long position) {
            int at = (int) position;
            while (at < text.length() && (text.charAt(at) == '\n' || text.charAt(at) == '\r')) {
                at++;
            }
            return at;
        }

        /** The line (counting from 1) of a character position, given the positions of the text's line breaks. */
        private static int lineOf(int[] newlines, long position) {
            int at = Arrays.binarySearch(newlines, (int) position);
            return (at >= 0 ? at : -at - 1) + 1;
        }

        /** The reader's text to its end; the reader is not closed (it is the caller's). */
        private static String readAll(Reader reader) throws IOException {
            var out = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                out.append(buffer, 0, n);
            }
            return out.toString();
        }

        private static String withoutByteOrderMark(String text) {
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        }

        private static int[] header(List<String> fields, String source, int number, String line) {
            int[] columns = new int[COLUMNS.size()];
            Arrays.fill(columns, -1);
            for (int i = 0; i < fields.size(); i++) {
                int column = COLUMNS.indexOf(fields.get(i).toLowerCase(Locale.ROOT));
                if (column >= 0) {
                    if (columns[column] >= 0) {
                        throw bad(source, number, "the header names column '" + COLUMNS.get(column) + "' twice");
                    }
                    columns[column] = i;
                }
            }
            var absent = new ArrayList<String>();
            for (int c = 0; c < columns.length; c++) {
                if (columns[c] < 0) {
                    absent.add(COLUMNS.get(c));
                }
            }
            if (!absent.isEmpty()) {
                throw bad(source, number, "expected the header " + String.join(",", COLUMNS) + " but '" + line
                        + "' lacks " + String.join(", ", absent) + (source.equals(TEXT)
                        ? " (csv(String) takes the CSV text itself; for a file use csv(Path))" : ""));
            }
            return columns;
        }

        private static IllegalArgumentException bad(String source, int line, String problem) {
            return new IllegalArgumentException(source + " line " + line + ": " + problem);
        }
    }
}
