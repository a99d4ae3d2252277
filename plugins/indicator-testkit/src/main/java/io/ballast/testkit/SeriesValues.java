package io.ballast.testkit;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The values of a {@link TestContext}, by series code and year: collected and trimmed by a {@link TestContext.Builder}
 * (dropping a series, the years after one, or everything), then frozen into the immutable table a context reads from.
 * A builder holds a mutable table, a context a frozen one; {@link #mutableCopy()} and {@link #frozen()} copy between
 * them, so neither ever sees the other's later changes.
 */
final class SeriesValues {

    private final Map<String, Map<Integer, Double>> byCode;

    /** An empty, mutable table. */
    SeriesValues() {
        this(new HashMap<>());
    }

    private SeriesValues(Map<String, Map<Integer, Double>> byCode) {
        this.byCode = byCode;
    }

    /** Sets one value of a series in a year, replacing any earlier one. */
    void put(String seriesCode, int year, double value) {
        byCode.computeIfAbsent(seriesCode, k -> new HashMap<>()).put(year, value);
    }

    /** Sets every value of a table read elsewhere (a CSV file), replacing any earlier ones. */
    void putAll(Map<String, Map<Integer, Double>> read) {
        read.forEach((code, byYear) -> byYear.forEach((year, v) -> put(code, year, v)));
    }

    /** Drops every value of one series. */
    void removeSeries(String seriesCode) {
        byCode.remove(seriesCode);
    }

    /** Drops every value after {@code year}, and the series left without any. */
    void removeYearsAfter(int year) {
        byCode.values().forEach(byYear -> byYear.keySet().removeIf(y -> y > year));
        byCode.values().removeIf(Map::isEmpty);
    }

    /** Drops every value. */
    void clear() {
        byCode.clear();
    }

    /** A mutable copy, for a builder deriving a variant. */
    SeriesValues mutableCopy() {
        var copy = new HashMap<String, Map<Integer, Double>>();
        byCode.forEach((code, byYear) -> copy.put(code, new HashMap<>(byYear)));
        return new SeriesValues(copy);
    }

    /** An immutable copy, for a context. */
    SeriesValues frozen() {
        var copy = new HashMap<String, Map<Integer, Double>>();
        byCode.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        return new SeriesValues(Map.copyOf(copy));
    }

    /** The value of a series in a year, if there is one. */
    OptionalDouble value(String seriesCode, int year) {
        Double v = byCode.getOrDefault(seriesCode, Map.of()).get(year);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The codes of the series that have at least one value, in alphabetical order. */
    Set<String> codes() {
        return Collections.unmodifiableSet(new TreeSet<>(byCode.keySet()));
    }

    /** Every value of one series, by year, earliest first; empty when the series has none. */
    SortedMap<Integer, Double> series(String seriesCode) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(byCode.getOrDefault(seriesCode, Map.of())));
    }
}
