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
        Alerts alerts,
        Ingest ingest,
        Stream stream,
        Security security,
        Logging logging,
        Connectors connectors) {

    /** Where the HTTP server listens (port 0 picks a free port), its body limit, and optional TLS from PEM files. */
    public record Server(String host, int port, int instances, int maxBodyBytes, Optional<Tls> tls,
                         int reloadCheckMs) {
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

    /**
     * How the composite is formed: the aggregation, the weighted share of all inputs a composite needs, the first year
     * scored, the rule for missing inputs and the divergence check.
     */
    public record Scoring(CompositeMethod method, double minCoverage, int fromYear, Missing missing,
                          Divergence divergence) {
    }

    /** How far a value may be carried forward, and how much of its input weight an indicator reading needs. */
    public record Missing(int carryForwardYears, double minInputCoverage) {
    }

    /**
     * When the composite warns that capacity rises while labor conditions fall: the capacity indicator and the inputs
     * of it the check uses, the labor indicator, the window in years and the minimum change of each.
     */
    public record Divergence(String capacity, List<String> capacityInputs, String labor, int window,
                             double minChange) {
    }

    /** One indicator's composite weight, whether it is enabled, and its parameter overrides. */
    public record IndicatorSettings(double weight, boolean enabled, Map<String, Double> settings) {
    }

    /** Alert rules and the webhook new alerts are posted to. */
    public record Alerts(List<AlertRule> rules, Optional<java.net.URI> webhook, int retries, int timeoutMs) {
    }

    /** One alert rule: on which score, and when it fires. */
    public record AlertRule(String name, String indicator, Optional<Double> below, Optional<Double> drop,
                            boolean divergence) {
    }

    /** The plugins folder, how often it is scanned, and how long a measurement may take. */
    public record Plugins(Path directory, int scanIntervalMs, int measureTimeoutMs) {
    }

    /** Limits of the ingest API, and the inbox folder watched for WDI bulk files (and how often, in ms). */
    public record Ingest(int maxBatch, Path inbox, int inboxScanMs) {
    }

    /** Sources Ballast pulls from on a schedule. */
    public record Connectors(WorldBank worldBank) {
    }

    /**
     * The World Bank API v2 connector: whether it runs, where, which indicators of which regions, how often, the page
     * size, the connect and idle timeouts, and how many retries with how long a first backoff (doubling each time).
     */
    public record WorldBank(boolean enabled, String baseUrl, List<String> indicators, List<String> regions,
                            int intervalSeconds, int perPage, int connectTimeoutMs, int timeoutMs, int retries,
                            int backoffMs) {
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
