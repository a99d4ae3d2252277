package io.ballast.server.score;

import io.ballast.server.config.BallastConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Each year's like-for-like ranks of the configured regions, computed once per panel version and year. */
final class YearRanks {

    private final Panel panel;
    private final Supplier<BallastConfig> config;
    private volatile Snapshot snapshot = new Snapshot(-1, Map.of());

    /** The ranks of every year asked for, as of one panel version. */
    private record Snapshot(long version, Map<Integer, Map<String, Rank>> byYear) {
    }

    YearRanks(Panel panel, Supplier<BallastConfig> config) {
        this.panel = panel;
        this.config = config;
    }

    /** The ranks of one year, by region. */
    Map<String, Rank> of(int year) {
        Snapshot current = snapshot;
        long version = panel.version();
        if (current.version() != version) {
            current = new Snapshot(version, new ConcurrentHashMap<>());
            snapshot = current;
        }
        BallastConfig c = config.get();
        return current.byYear().computeIfAbsent(year, y -> Ranking.of(y, c.regions().stream()
                .map(BallastConfig.Region::code).toList(), panel, Aggregation.of(c),
                c.scoring().missing().minInputCoverage()));
    }
}
