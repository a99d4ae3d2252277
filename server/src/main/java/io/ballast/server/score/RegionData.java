package io.ballast.server.score;

import io.ballast.api.PolicyEvent;
import io.ballast.server.store.ControlEvent;
import io.ballast.server.store.ObservationRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Every stored value of one region, with its vintage when known, indexed by series and year, and the export-control
 * events counted against the region: a recompute's input.
 */
public final class RegionData {

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
        for (ObservationRow row : rows) {
            values.computeIfAbsent(row.series(), k -> new HashMap<>()).put(row.period(), row.value());
            if (row.vintage() != null) {
                vintages.computeIfAbsent(row.series(), k -> new HashMap<>()).put(row.period(), row.vintage());
            }
        }
        List<PolicyEvent> events = stored.stream().map(e -> new PolicyEvent(e.key(), e.date(), e.jurisdiction(),
                e.targets(), e.type(), e.direction(), e.scope(), e.entities() == null ? java.util.OptionalInt.empty()
                : java.util.OptionalInt.of(e.entities()), e.title())).toList();
        return new RegionData(values, vintages, events);
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
        return Map.copyOf(values.getOrDefault(series, Map.of()));
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
}
