package io.ballast.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.ballast.server.config.BallastConfig.CompositeMethod;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Turns the merged YAML tree into a {@link BallastConfig}, naming where a bad value came from and what it must be. */
final class ConfigBinder {

    private static final Pattern REGION = Pattern.compile("[A-Z]{3}");
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern SERIES_CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final JsonNode root;
    private final Function<String, String> originOf;

    ConfigBinder(JsonNode root, Function<String, String> originOf) {
        this.root = root;
        this.originOf = originOf;
    }

    BallastConfig bind() {
        return new BallastConfig(
                new BallastConfig.Server(text("server.host"), integer("server.port", 0, 65535),
                        integer("server.instances", 0, 64), integer("server.max-body-bytes", 1024, 1 << 30), tls(),
                        integer("server.reload-check-ms", 50, 3_600_000)),
                new BallastConfig.Data(path("data.dir"), bool("data.baseline")),
                regions(),
                new BallastConfig.Scoring(method(), number("scoring.min-coverage", 0, 1),
                        integer("scoring.from-year", 1900, 2100),
                        new BallastConfig.Missing(integer("scoring.missing.carry-forward-years", 0, 10),
                                number("scoring.missing.min-input-coverage", 0, 1)),
                        new BallastConfig.Divergence(text("scoring.divergence.capacity"),
                                codes("scoring.divergence.capacity-inputs", ID, "input keys such as patents"),
                                text("scoring.divergence.labor"), integer("scoring.divergence.window", 1, 50),
                                number("scoring.divergence.min-change", 0, 100))),
                indicators(),
                new BallastConfig.Plugins(pluginsDirectory(), integer("plugins.scan-interval-ms", 50, 60_000),
                        integer("plugins.measure-timeout-ms", 10, 600_000)),
                alerts(),
                new BallastConfig.Ingest(integer("ingest.max-batch", 1, 1_000_000), inbox(),
                        integer("ingest.inbox-scan-ms", 50, 3_600_000)),
                new BallastConfig.Stream(integer("stream.max-connections", 1, 1_000_000),
                        integer("stream.heartbeat-seconds", 1, 3600), integer("stream.replay", 0, 10_000)),
                new BallastConfig.Security(optionalText("security.admin-token"), optionalText("security.ingest-token"),
                        tokens(), bool("security.protect-reads"), integer("security.writes-per-minute", 1, 1_000_000),
                        textList("security.cors-origins")),
                new BallastConfig.Logging(logFormat()),
                new BallastConfig.Connectors(worldBank(regions())));
    }

    private Path inbox() {
        return optionalText("ingest.inbox").map(dir -> {
            try {
                return Path.of(dir);
            } catch (InvalidPathException e) {
                throw bad("ingest.inbox", "a file-system path (" + e.getReason() + ")");
            }
        }).orElse(path("data.dir").resolve("inbox"));
    }

    private BallastConfig.WorldBank worldBank(List<BallastConfig.Region> configured) {
        String at = "connectors.worldbank";
        String base = text(at + ".base-url").strip();
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            throw bad(at + ".base-url", "an http or https URL such as https://api.worldbank.org (" + e.getReason() + ")");
        }
        if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw bad(at + ".base-url", "an http or https URL without query, such as https://api.worldbank.org, not '"
                    + base + "'");
        }
        List<String> indicators = codes(at + ".indicators", SERIES_CODE, "World Bank indicator codes such as "
                + "NE.TRD.GNFS.ZS");
        List<String> regions = codes(at + ".regions", REGION, "ISO 3166-1 alpha-3 codes such as CHN");
        for (String region : regions) {
            if (configured.stream().noneMatch(r -> r.code().equals(region))) {
                throw bad(at + ".regions", "a list of configured regions, but " + region + " is not in 'regions'");
            }
        }
        return new BallastConfig.WorldBank(bool(at + ".enabled"), base.replaceAll("/+$", ""), indicators, regions,
                integer(at + ".interval-seconds", 1, 31_536_000), integer(at + ".per-page", 1, 20_000),
                integer(at + ".connect-timeout-ms", 10, 600_000), integer(at + ".timeout-ms", 10, 600_000),
                integer(at + ".retries", 0, 20), integer(at + ".backoff-ms", 0, 600_000));
    }

    /** A list of codes, given as a YAML list or (from an environment variable) as one comma-separated text. */
    private List<String> codes(String key, Pattern pattern, String expected) {
        JsonNode n = node(key);
        List<String> out = new ArrayList<>();
        if (n.isTextual()) {
            for (String part : n.asText().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        } else if (n.isArray()) {
            n.forEach(item -> out.add(item.isTextual() ? item.asText().strip() : item.toString()));
        } else if (!n.isMissingNode() && !n.isNull()) {
            throw bad(key, "a list of " + expected);
        }
        for (String code : out) {
            if (!pattern.matcher(code).matches()) {
                throw bad(key, "a list of " + expected + ", but '" + code + "' is not one");
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(out));
    }

    private List<BallastConfig.Region> regions() {
        JsonNode list = node("regions");
        if (!list.isArray() || list.isEmpty()) {
            throw bad("regions", "a non-empty list of {code, name} entries");
        }
        var regions = new ArrayList<BallastConfig.Region>();
        var seen = new HashSet<String>();
        for (int i = 0; i < list.size(); i++) {
            String key = "regions[" + i + "]";
            JsonNode entry = list.get(i);
            if (!entry.isObject() || !entry.path("code").isTextual() || !entry.path("name").isTextual()) {
                throw bad("regions", "entry " + i + " to be {code: ISO3, name: text}");
            }
            String code = entry.get("code").asText();
            if (!REGION.matcher(code).matches()) {
                throw bad("regions", "entry " + i + " code '" + code + "' to be three upper-case letters (ISO 3166-1 "
                        + "alpha-3, such as CHN)");
            }
            if (!seen.add(code)) {
                throw bad("regions", "each code once, but " + code + " appears twice (" + key + ")");
            }
            String name = entry.get("name").asText();
            if (name.isBlank()) {
                throw bad("regions", "entry " + i + " to have a name");
            }
            regions.add(new BallastConfig.Region(code, name));
        }
        return List.copyOf(regions);
    }

    private Map<String, BallastConfig.IndicatorSettings> indicators() {
        JsonNode map = node("indicators");
        if (map.isNull() || map.isMissingNode()) {
            return Map.of();
        }
        if (!map.isObject()) {
            throw bad("indicators", "a mapping from indicator id to {weight, enabled, settings}");
        }
        var out = new LinkedHashMap<String, BallastConfig.IndicatorSettings>();
        for (var it = map.fields(); it.hasNext(); ) {
            var entry = it.next();
            String id = entry.getKey();
            String prefix = "indicators." + id;
            if (!ID.matcher(id).matches()) {
                throw bad(prefix, "an indicator id of lower-case letters, digits and dashes");
            }
            if (!entry.getValue().isObject()) {
                throw bad(prefix, "a mapping with weight, enabled and settings");
            }
            for (var keys = entry.getValue().fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!List.of("weight", "enabled", "settings").contains(key)) {
                    String hint = Nearest.of(key, List.of("weight", "enabled", "settings"))
                            .map(n -> "; did you mean '" + prefix + "." + n + "'?").orElse("");
                    throw new ConfigException(originOf.apply(prefix + "." + key) + ": unknown key '" + prefix + "."
                            + key + "'" + hint);
                }
            }
            double weight = node(prefix + ".weight").isMissingNode() ? 1.0 : number(prefix + ".weight", 0, 1000);
            boolean enabled = node(prefix + ".enabled").isMissingNode() || bool(prefix + ".enabled");
            out.put(id, new BallastConfig.IndicatorSettings(weight, enabled, settings(prefix + ".settings")));
        }
        if (!out.isEmpty() && out.values().stream().mapToDouble(BallastConfig.IndicatorSettings::weight).sum() == 0) {
            throw bad("indicators", "at least one indicator with a weight above 0");
        }
        return Map.copyOf(out);
    }

    private BallastConfig.Alerts alerts() {
        JsonNode list = node("alerts.rules");
        if (!list.isArray()) {
            throw bad("alerts.rules", "a list of {name, indicator, below?, drop?, divergence?}");
        }
        var rules = new ArrayList<BallastConfig.AlertRule>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            String at = "alerts.rules[" + i + "]";
            if (!r.isObject() || !r.path("name").isTextual() || !r.path("indicator").isTextual()) {
                throw bad("alerts.rules", at + " to have a name and an indicator (composite or an indicator id)");
            }
            for (var it = r.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!List.of("name", "indicator", "below", "drop", "divergence").contains(key)) {
                    throw bad("alerts.rules", at + " to hold name, indicator, below, drop or divergence, not '" + key
                            + "'");
                }
            }
            Optional<Double> below = optionalNumber(r.get("below"), at + ".below");
            Optional<Double> drop = optionalNumber(r.get("drop"), at + ".drop");
            boolean divergence = r.has("divergence") && r.get("divergence").asBoolean();
            if (r.has("divergence") && !r.get("divergence").isBoolean()) {
                throw bad("alerts.rules", at + ".divergence to be true or false");
            }
            if (below.isEmpty() && drop.isEmpty() && !divergence) {
                throw bad("alerts.rules", at + " to say when it fires: below, drop or divergence");
            }
            rules.add(new BallastConfig.AlertRule(r.get("name").asText(), r.get("indicator").asText(), below, drop,
                    divergence));
        }
        Optional<java.net.URI> webhook = optionalText("alerts.webhook.url").map(url -> {
            try {
                java.net.URI uri = new java.net.URI(url);
                if (!List.of("http", "https").contains(String.valueOf(uri.getScheme())) || uri.getHost() == null) {
                    throw new java.net.URISyntaxException(url, "not an http(s) URL with a host");
                }
                return uri;
            } catch (java.net.URISyntaxException e) {
                throw bad("alerts.webhook.url", "an http or https URL, not '" + url + "'");
            }
        });
        return new BallastConfig.Alerts(List.copyOf(rules), webhook, integer("alerts.webhook.retries", 0, 20),
                integer("alerts.webhook.timeout-ms", 100, 120_000));
    }

    private Optional<Double> optionalNumber(JsonNode n, String at) {
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw bad("alerts.rules", at + " to be a number, not '" + n.asText() + "'");
        }
        return Optional.of(n.asDouble());
    }

    private Optional<BallastConfig.Tls> tls() {
        Optional<String> cert = optionalText("server.tls-cert");
        Optional<String> key = optionalText("server.tls-key");
        if (cert.isEmpty() && key.isEmpty()) {
            return Optional.empty();
        }
        if (cert.isEmpty() || key.isEmpty()) {
            throw bad(cert.isEmpty() ? "server.tls-cert" : "server.tls-key",
                    "set together with " + (cert.isEmpty() ? "server.tls-key" : "server.tls-cert") + " (both PEM files)");
        }
        for (String k : List.of("server.tls-cert", "server.tls-key")) {
            Path file = Path.of(optionalText(k).orElseThrow());
            if (!java.nio.file.Files.isReadable(file)) {
                throw bad(k, "a readable PEM file, but " + file + " cannot be read");
            }
        }
        return Optional.of(new BallastConfig.Tls(Path.of(cert.get()), Path.of(key.get())));
    }

    private List<BallastConfig.HashedToken> tokens() {
        JsonNode list = node("security.tokens");
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw bad("security.tokens", "a list of {name, sha256, roles}");
        }
        var out = new ArrayList<BallastConfig.HashedToken>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode t = list.get(i);
            String at = "security.tokens[" + i + "]";
            if (!t.isObject() || !t.path("name").isTextual() || !t.path("sha256").isTextual()
                    || !t.path("roles").isArray()) {
                throw bad("security.tokens", "entry " + i + " to be {name, sha256, roles: [...]}");
            }
            String hash = t.get("sha256").asText().strip().toLowerCase(Locale.ROOT);
            if (!hash.matches("[0-9a-f]{64}")) {
                throw bad("security.tokens", at + ".sha256 to be 64 hex digits (the SHA-256 of the token; "
                        + "'java -jar ballast-server.jar hash-token' prints it)");
            }
            var roles = new ArrayList<String>();
            for (JsonNode r : t.get("roles")) {
                if (!List.of("read", "ingest", "admin").contains(r.asText())) {
                    throw bad("security.tokens", at + ".roles to hold read, ingest or admin, not '" + r.asText()
                            + "'");
                }
                roles.add(r.asText());
            }
            out.add(new BallastConfig.HashedToken(t.get("name").asText(), hash, List.copyOf(roles)));
        }
        return List.copyOf(out);
    }

    private List<String> textList(String key) {
        JsonNode list = node(key);
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw bad(key, "a list of texts");
        }
        var out = new ArrayList<String>();
        list.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    private boolean logFormat() {
        String format = text("logging.format");
        if (!format.equals("text") && !format.equals("json")) {
            throw bad("logging.format", "text or json, not '" + format + "'");
        }
        return format.equals("json");
    }

    private Map<String, Double> settings(String key) {
        JsonNode map = node(key);
        if (map.isMissingNode() || map.isNull()) {
            return Map.of();
        }
        if (!map.isObject()) {
            throw bad(key, "a mapping from parameter name to number");
        }
        var out = new LinkedHashMap<String, Double>();
        map.fieldNames().forEachRemaining(name -> out.put(name, number(key + "." + name, -1e12, 1e12)));
        return Map.copyOf(out);
    }

    private CompositeMethod method() {
        String value = text("scoring.method");
        try {
            return CompositeMethod.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("scoring.method", "geometric or arithmetic, not '" + value + "'");
        }
    }

    private JsonNode node(String key) {
        JsonNode n = root;
        for (String part : key.split("\\.")) {
            n = n.path(part);
        }
        return n;
    }

    private String text(String key) {
        JsonNode n = node(key);
        if (!n.isTextual() || n.asText().isBlank()) {
            throw bad(key, "a non-empty text");
        }
        return n.asText();
    }

    private Optional<String> optionalText(String key) {
        JsonNode n = node(key);
        if (n.isMissingNode() || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw bad(key, "a text");
        }
        return Optional.of(n.asText().strip());
    }

    private Path pluginsDirectory() {
        return optionalText("plugins.directory").map(dir -> {
            try {
                return Path.of(dir);
            } catch (InvalidPathException e) {
                throw bad("plugins.directory", "a file-system path (" + e.getReason() + ")");
            }
        }).orElse(path("data.dir").resolve("plugins"));
    }

    private Path path(String key) {
        try {
            return Path.of(text(key));
        } catch (InvalidPathException e) {
            throw bad(key, "a file-system path (" + e.getReason() + ")");
        }
    }

    private boolean bool(String key) {
        JsonNode n = node(key);
        if (!n.isBoolean()) {
            throw bad(key, "true or false, not '" + n.asText() + "'");
        }
        return n.asBoolean();
    }

    private int integer(String key, int min, int max) {
        JsonNode n = node(key);
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < min || n.asInt() > max) {
            throw bad(key, "a whole number from " + min + " to " + max + ", not '" + n.asText() + "'");
        }
        return n.asInt();
    }

    private double number(String key, double min, double max) {
        JsonNode n = node(key);
        if (!n.isNumber() || !Double.isFinite(n.asDouble()) || n.asDouble() < min || n.asDouble() > max) {
            throw bad(key, "a number from " + format(min) + " to " + format(max) + ", not '" + n.asText() + "'");
        }
        return n.asDouble();
    }

    private static String format(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private ConfigException bad(String key, String expected) {
        return new ConfigException(originOf.apply(key) + ": key '" + key + "' must be " + expected);
    }
}
