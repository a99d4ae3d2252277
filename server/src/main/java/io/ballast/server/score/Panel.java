package io.ballast.server.score;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every region's computed years, in memory: what the read side builds documents from and what cross-region
 * comparisons (ranks) run on. One writer (the scoring worker) replaces a region's years whole; readers on any thread
 * see either the old list or the new one. The version grows with every change.
 */
public final class Panel {

    private final Map<String, List<YearScores>> regions = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    /** Replaces a region's years. */
    void put(String region, List<YearScores> years) {
        regions.put(region, List.copyOf(years));
        version.incrementAndGet();
    }

    /** A region's years, earliest first; empty when it was never scored. */
    public List<YearScores> years(String region) {
        return regions.getOrDefault(region, List.of());
    }

    /** One year of a region. */
    Optional<YearScores> year(String region, int year) {
        return years(region).stream().filter(y -> y.period() == year).findFirst();
    }

    /** A copy to change without touching this one (a scenario's). */
    Panel copy() {
        Panel copy = new Panel();
        copy.regions.putAll(regions);
        copy.version.set(version.get());
        return copy;
    }

    /** Grows with every change; a cache keyed by it is never stale. */
    public long version() {
        return version.get();
    }
}
