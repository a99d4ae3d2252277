package io.ballast.server.score;

import io.ballast.api.IndicatorContext;
import io.ballast.server.indicator.SeriesContext;
import io.ballast.api.MissingDataPolicy;
import io.ballast.api.PolicyEvent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link IndicatorContext} the host hands a plugin: one region's data and events, one year, the plugin's settings
 * and the deployment's missing-data rule. It notes the vintage of every value the plugin reads, so the reading can say
 * which vintages it used.
 */
final class SnapshotContext implements SeriesContext {

    /** The year noted when a plugin took a whole series. */
    private static final int WHOLE = Integer.MIN_VALUE;

    private final String region;
    private final int period;
    private final RegionData data;
    private final Map<String, Double> settings;
    private final Clock clock;
    private final MissingDataPolicy missingData;
    /** Written from the plugin's thread, read by the scorer once the measurement has returned. */
    private final Map<String, Set<String>> vintagesRead = new ConcurrentHashMap<>();
    /** Series → the years the plugin read ({@link #WHOLE}: all): a later recompute tells if it would answer the same. */
    private final Map<String, Set<Integer>> read = new ConcurrentHashMap<>();
    private volatile boolean eventsRead;
    private volatile boolean clockRead;

    SnapshotContext(String region, int period, RegionData data, Map<String, Double> settings, Clock clock,
                    MissingDataPolicy missingData) {
        this.region = region;
        this.period = period;
        this.data = data;
        this.settings = settings;
        this.clock = clock;
        this.missingData = missingData;
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
        read.computeIfAbsent(seriesCode, k -> ConcurrentHashMap.newKeySet()).add(year);
        OptionalDouble value = data.value(seriesCode, year);
        if (value.isPresent()) {
            data.vintage(seriesCode, year).ifPresent(v ->
                    vintagesRead.computeIfAbsent(seriesCode, k -> ConcurrentHashMap.newKeySet()).add(v));
        }
        return value;
    }

    @Override
    public Map<Integer, Double> series(String seriesCode) {
        read.computeIfAbsent(seriesCode, k -> ConcurrentHashMap.newKeySet()).add(WHOLE);
        return data.series(seriesCode);
    }

    @Override
    public Map<String, Double> settings() {
        return settings;
    }

    @Override
    public Clock clock() {
        clockRead = true;
        return clock;
    }

    @Override
    public MissingDataPolicy missingData() {
        return missingData;
    }

    @Override
    public List<PolicyEvent> events() {
        eventsRead = true;
        return data.events();
    }

    /** Series code → the vintage of the values read from it (several, sorted and joined by ", ", if they differ). */
    Map<String, String> vintagesRead() {
        Map<String, String> out = new TreeMap<>();
        vintagesRead.forEach((series, vintages) -> out.put(series, String.join(", ", new TreeSet<>(vintages))));
        return out;
    }

    /**
     * Whether this call, measured again over {@code now}, would read exactly what it read here: the same values and
     * vintages wherever it looked, the same events if it read them, and not the clock. {@code measure} is pure, so it
     * would answer the same.
     */
    boolean readsSameIn(RegionData now) {
        if (clockRead || eventsRead && !data.events().equals(now.events())) {
            return false;
        }
        for (Map.Entry<String, Set<Integer>> series : read.entrySet()) {
            String code = series.getKey();
            if (data.shares(code, now)) {
                continue;
            }
            if (series.getValue().contains(WHOLE)) {
                return false;
            }
            for (int year : series.getValue()) {
                if (!data.sameValue(code, year, now)) {
                    return false;
                }
            }
        }
        return true;
    }
}
