package io.ballast.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.ballast.server.config.BallastConfig.CompositeMethod;
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

    private final JsonNode root;
    private final Function<String, String> originOf;

    ConfigBinder(JsonNode root, Function<String, String> originOf) {
        this.root = root;
        this.originOf = originOf;
    }

    BallastConfig bind() {
        return new BallastConfig(
                new BallastConfig.Server(text("server.host"), integer("server.port", 0, 65535),
                        integer("server.instances", 0, 64), integer("server.max-body-bytes", 1024, 1 << 30), tls()),
                new BallastConfig.Data(path("data.dir"), bool("data.baseline")),
                regions(),
                new BallastConfig.Scoring(method(), number("scoring.min-coverage", 0, 1),
                        integer("scoring.from-year", 1900, 2100),
                        new BallastConfig.Divergence(text("scoring.divergence.capacity"),
                                text("scoring.divergence.labor"), integer("scoring.divergence.window", 1, 50),
                                number("scoring.divergence.min-change", 0, 100))),
                indicators(),
                new BallastConfig.Plugins(pluginsDirectory(), integer("plugins.scan-interval-ms", 50, 60_000),
                        integer("plugins.measure-timeout-ms", 10, 600_000)),
                new BallastConfig.Ingest(integer("ingest.max-batch", 1, 1_000_000)),
                new BallastConfig.Stream(integer("stream.max-connections", 1, 1_000_000),
                        integer("stream.heartbeat-seconds", 1, 3600), integer("stream.replay", 0, 10_000)),
                new BallastConfig.Security(optionalText("security.admin-token"), optionalText("security.ingest-token"),
                        tokens(), bool("security.protect-reads"), integer("security.writes-per-minute", 1, 1_000_000),
                        textList("security.cors-origins")),
                new BallastConfig.Logging(logFormat()));
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
