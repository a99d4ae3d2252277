package io.ballast.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole, validated configuration: what {@code ballast.yaml} plus environment overrides say. */
public record BallastConfig(
        Server server,
        Data data,
        List<Region> regions,
        Scoring scoring,
        Map<String, IndicatorSettings> indicators,
        Plugins plugins,
        Ingest ingest,
        Stream stream,
        Security security) {

    /** Where the HTTP server listens; port 0 picks a free port. */
    public record Server(String host, int port, int instances) {
    }

    /** The data directory (database, generated token) and whether to load the bundled baseline. */
    public record Data(Path dir, boolean baseline) {
    }

    /** An economy to score: ISO 3166-1 alpha-3 code and display name. */
    public record Region(String code, String name) {
    }

    /** How the composite is formed. */
    public record Scoring(CompositeMethod method, double minCoverage, int fromYear, Divergence divergence) {
    }

    /** When the composite warns that capacity rises while labor conditions fall. */
    public record Divergence(String capacity, String labor, int window, double minChange) {
    }

    /** One indicator's composite weight, whether it is enabled, and its parameter overrides. */
    public record IndicatorSettings(double weight, boolean enabled, Map<String, Double> settings) {
    }

    /** The plugins folder, how often it is scanned, and how long a measurement may take. */
    public record Plugins(Path directory, int scanIntervalMs, int measureTimeoutMs) {
    }

    /** Limits of the ingest API. */
    public record Ingest(int maxBatch) {
    }

    /** Limits of the live stream. */
    public record Stream(int maxConnections, int heartbeatSeconds, int replay) {
    }

    /** The admin token, when configured (otherwise one is generated under the data directory). */
    public record Security(Optional<String> adminToken) {
    }

    /** How indicator scores are combined into the composite. */
    public enum CompositeMethod { GEOMETRIC, ARITHMETIC }

    /** The composite weight of an indicator: its configured weight, or 1 when the config does not name it. */
    public double weightOf(String indicatorId) {
        IndicatorSettings s = indicators.get(indicatorId);
        return s == null ? 1.0 : s.weight();
    }

    /** Whether an indicator may run: enabled unless the config says otherwise. */
    public boolean enabled(String indicatorId) {
        IndicatorSettings s = indicators.get(indicatorId);
        return s == null || s.enabled();
    }

    /** The parameter overrides of an indicator. */
    public Map<String, Double> settingsOf(String indicatorId) {
        IndicatorSettings s = indicators.get(indicatorId);
        return s == null ? Map.of() : s.settings();
    }

    /** The configured region with this code, if any. */
    public Optional<Region> region(String code) {
        return regions.stream().filter(r -> r.code().equals(code)).findFirst();
    }
}
