package io.ballast.server.score;

import io.ballast.server.store.ObservationRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Every stored value of one region, indexed by series and year: the input of a recompute. */
public final class RegionData {

    private final Map<String, Map<Integer, Double>> values;

    private RegionData(Map<String, Map<Integer, Double>> values) {
        this.values = values;
    }

    /** Indexes stored rows. */
    public static RegionData of(List<ObservationRow> rows) {
        Map<String, Map<Integer, Double>> values = new HashMap<>();
        for (ObservationRow row : rows) {
            values.computeIfAbsent(row.series(), k -> new HashMap<>()).put(row.period(), row.value());
        }
        return new RegionData(values);
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
