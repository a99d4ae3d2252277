package io.ballast.server.score;

import io.ballast.api.PolicyEvent;
import io.ballast.server.store.ControlEvent;
import io.ballast.server.store.ObservationRow;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Every stored value of one region, with its vintage when known, indexed by series and year, and the export-control
 * events counted against the region: a recompute's input.
 */
public final class RegionData {

    /** Series → year → value; never changed once built, so an update shares the series it did not touch. */
    private final Map<String, Map<Integer, Double>> values;
    private final Map<String, Map<Integer, String>> vintages;
    private final List<PolicyEvent> events;

    private RegionData(Map<String, Map<Integer, Double>> values, Map<String, Map<Integer, String>> vintages,
                       List<PolicyEvent> events) {
        this.values = values;
        this.vintages = vintages;
        this.events = List.copyOf(events);
    }

    /** Indexes stored rows; no events. */
    public static RegionData of(List<ObservationRow> rows) {
        return of(rows, List.of());
    }

    /** Indexes stored rows and the region's events (earliest first). */
    public static RegionData of(List<ObservationRow> rows, List<ControlEvent> stored) {
        Map<String, Map<Integer, Double>> values = new HashMap<>();
        Map<String, Map<Integer, String>> vintages = new HashMap<>();
        index(rows, values, vintages);
        return new RegionData(sealed(values), sealed(vintages), policyEvents(stored));
    }

    /**
     * This region's data with the values of {@code years} replaced by {@code rows} (every stored row of those years,
     * and only of those), the events as they were. Series without a value in those years, before or after, are shared
     * with this one: a recompute tells them unchanged at a glance.
     */
    RegionData withYears(Set<Integer> years, List<ObservationRow> rows) {
        Map<String, Map<Integer, Double>> newValues = new HashMap<>();
        Map<String, Map<Integer, String>> newVintages = new HashMap<>();
        index(rows, newValues, newVintages);
        Set<String> touched = new HashSet<>(newValues.keySet());
        values.forEach((series, byYear) -> {
            if (byYear.keySet().stream().anyMatch(years::contains)) {
                touched.add(series);
            }
        });
        Map<String, Map<Integer, Double>> mergedValues = new HashMap<>(values);
        Map<String, Map<Integer, String>> mergedVintages = new HashMap<>(vintages);
        for (String series : touched) {
            merge(mergedValues, series, years, newValues.get(series));
            merge(mergedVintages, series, years, newVintages.get(series));
        }
        return new RegionData(mergedValues, mergedVintages, events);
    }

    /** This region's data with the events {@code stored} (the same list as before, when they are equal). */
    RegionData withEvents(List<ControlEvent> stored) {
        List<PolicyEvent> now = policyEvents(stored);
        return new RegionData(values, vintages, now.equals(events) ? events : now);
    }

    /** Replaces the entries of {@code years} in one series of {@code all} by {@code given} (none when null). */
    private static <T> void merge(Map<String, Map<Integer, T>> all, String series, Set<Integer> years,
                                  Map<Integer, T> given) {
        Map<Integer, T> merged = new HashMap<>(all.getOrDefault(series, Map.of()));
        merged.keySet().removeAll(years);
        if (given != null) {
            merged.putAll(given);
        }
        if (merged.isEmpty()) {
            all.remove(series);
        } else {
            all.put(series, Collections.unmodifiableMap(merged));
        }
    }

    private static void index(List<ObservationRow> rows, Map<String, Map<Integer, Double>> values,
                              Map<String, Map<Integer, String>> vintages) {
        for (ObservationRow row : rows) {
            values.computeIfAbsent(row.series(), k -> new HashMap<>()).put(row.period(), row.value());
            if (row.vintage() != null) {
                vintages.computeIfAbsent(row.series(), k -> new HashMap<>()).put(row.period(), row.vintage());
            }
        }
    }

    private static <T> Map<String, Map<Integer, T>> sealed(Map<String, Map<Integer, T>> all) {
        all.replaceAll((series, byYear) -> Collections.unmodifiableMap(byYear));
        return all;
    }

    private static List<PolicyEvent> policyEvents(List<ControlEvent> stored) {
        return stored.stream().map(e -> new PolicyEvent(e.key(), e.date(), e.jurisdiction(), e.targets(), e.type(),
                e.direction(), e.scope(), e.entities() == null ? OptionalInt.empty() : OptionalInt.of(e.entities()),
                e.title())).toList();
    }

    /** The events counted against the region, earliest first. */
    public List<PolicyEvent> events() {
        return events;
    }

    /** The vintage of one value, when its source gave one. */
    public Optional<String> vintage(String series, int year) {
        return Optional.ofNullable(vintages.getOrDefault(series, Map.of()).get(year));
    }

    /** Every value of one series, by year. */
    public Map<Integer, Double> series(String series) {
        return values.getOrDefault(series, Map.of());
    }

    /** One value, or empty. */
    public OptionalDouble value(String series, int year) {
        Double v = values.getOrDefault(series, Map.of()).get(year);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The latest year with any value or event, if there is one. */
    public OptionalInt lastYear() {
        return java.util.stream.IntStream.concat(
                values.values().stream().flatMap(m -> m.keySet().stream()).mapToInt(Integer::intValue),
                events.stream().mapToInt(e -> e.date().getYear())).max();
    }

    /** Whether a series has the same values and vintages here as in {@code other}. */
    boolean sameSeries(String series, RegionData other) {
        return other == this || same(values.get(series), other.values.get(series))
                && same(vintages.get(series), other.vintages.get(series));
    }

    /** Whether {@code other} holds this very series (an update that did not touch it): the same at a glance. */
    boolean shares(String series, RegionData other) {
        return other == this || values.get(series) == other.values.get(series)
                && vintages.get(series) == other.vintages.get(series);
    }

    /** Whether one value, and its vintage, is the same here as in {@code other} (or missing in both). */
    boolean sameValue(String series, int year, RegionData other) {
        return value(series, year).equals(other.value(series, year))
                && vintage(series, year).equals(other.vintage(series, year));
    }

    private static boolean same(Map<Integer, ?> one, Map<Integer, ?> other) {
        return one == other || one != null && one.equals(other);
    }
}
