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
        Security security,
        Logging logging) {

    /** Where the HTTP server listens (port 0 picks a free port), its body limit, and optional TLS from PEM files. */
    public record Server(String host, int port, int instances, int maxBodyBytes, Optional<Tls> tls) {
    }

    /** PEM files of a certificate chain and its private key. */
    public record Tls(Path cert, Path key) {
    }

    /** How logs are written. */
    public record Logging(boolean json) {
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

    /**
     * Who may do what: the admin token (generated under the data directory when not configured), a plain ingest token
     * from the environment, hashed tokens with roles, whether reads need a token, the write rate limit, CORS origins.
     */
    public record Security(Optional<String> adminToken, Optional<String> ingestToken, List<HashedToken> tokens,
                           boolean protectReads, int writesPerMinute, List<String> corsOrigins) {
    }

    /** A token known by the SHA-256 hash of its text, with its roles. */
    public record HashedToken(String name, String sha256, List<String> roles) {
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
