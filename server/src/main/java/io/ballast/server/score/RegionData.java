package io.ballast.server.score;

import io.ballast.server.store.ObservationRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Every stored value of one region, with its vintage when known, indexed by series and year: a recompute's input. */
public final class RegionData {

    private final Map<String, Map<Integer, Double>> values;
    private final Map<String, Map<Integer, String>> vintages;

    private RegionData(Map<String, Map<Integer, Double>> values, Map<String, Map<Integer, String>> vintages) {
        this.values = values;
        this.vintages = vintages;
    }

    /** Indexes stored rows. */
    public static RegionData of(List<ObservationRow> rows) {
        Map<String, Map<Integer, Double>> values = new HashMap<>();
        Map<String, Map<Integer, String>> vintages = new HashMap<>();
        for (ObservationRow row : rows) {
            values.computeIfAbsent(row.series(), k -> new HashMap<>()).put(row.period(), row.value());
            if (row.vintage() != null) {
                vintages.computeIfAbsent(row.series(), k -> new HashMap<>()).put(row.period(), row.vintage());
            }
        }
        return new RegionData(values, vintages);
    }

    /** The vintage of one value, when its source gave one. */
    public Optional<String> vintage(String series, int year) {
        return Optional.ofNullable(vintages.getOrDefault(series, Map.of()).get(year));
    }

    /** One value, or empty. */
    public OptionalDouble value(String series, int year) {
        Double v = values.getOrDefault(series, Map.of()).get(year);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The latest year with any value, if there is one. */
    public OptionalInt lastYear() {
        return values.values().stream().flatMap(m -> m.keySet().stream()).mapToInt(Integer::intValue).max();
    }
}
