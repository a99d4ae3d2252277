package io.ballast.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the configuration in three layers: the defaults on the classpath ({@code ballast.yaml}), then the file named
 * by {@code --config} or {@code BALLAST_CONFIG}, then environment variables ({@code BALLAST_} plus the key path in
 * upper case, '_' for '.' and '-'). A key the defaults do not know is an error naming the nearest known key.
 */
public final class ConfigLoader {

    static final String DEFAULTS = "ballast.yaml";
    /** Maps whose keys are chosen by the user (indicator ids, parameter names), so any key is allowed there. */
    private static final Set<String> OPEN_MAPS = Set.of("indicators", "indicators.*.settings");
    /** Extra environment names accepted for a key, beyond the generated one. */
    private static final Map<String, String> ALIASES = Map.of(
            "BALLAST_ADMIN_TOKEN", "security.admin-token",
            "BALLAST_INGEST_TOKEN", "security.ingest-token");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /** Loads and validates; {@code file} empty means the defaults alone. */
    public BallastConfig load(Optional<Path> file, Map<String, String> env) {
        ObjectNode tree = defaults();
        Map<String, String> origins = new LinkedHashMap<>();
        String defaultsOrigin = "the default config (classpath:" + DEFAULTS + ")";
        if (file.isPresent()) {
            ObjectNode user = read(file.get());
            String origin = "config file " + file.get();
            checkKeys(user, tree, "", origin);
            merge(tree, user, "", origin, origins);
        }
        applyEnvironment(tree, "", env, origins);
        return new ConfigBinder(tree, path -> origins.getOrDefault(path, file.map(f -> "config file " + f)
                .orElse(defaultsOrigin))).bind();
    }

    /** The environment variable that overrides a key path: {@code data.dir} → {@code BALLAST_DATA_DIR}. */
    public static String envName(String keyPath) {
        return "BALLAST_" + keyPath.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private ObjectNode defaults() {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new ConfigException("the default config " + DEFAULTS + " is not on the classpath");
            }
            return (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new ConfigException("the default config " + DEFAULTS + " cannot be read: " + e.getMessage(), e);
        }
    }

    private ObjectNode read(Path file) {
        try {
            JsonNode node = yaml.readTree(Files.readString(file));
            if (node == null || node.isMissingNode() || node.isNull()) {
                return yaml.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException("config file " + file + ": the top level must be a mapping of keys");
            }
            return (ObjectNode) node;
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private void checkKeys(JsonNode user, JsonNode known, String prefix, String origin) {
        if (!user.isObject() || isOpen(prefix)) {
            return;
        }
        for (Iterator<String> it = user.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (!known.has(key)) {
                List<String> candidates = new ArrayList<>();
                known.fieldNames().forEachRemaining(candidates::add);
                String hint = Nearest.of(key, candidates).map(n -> "; did you mean '" + qualify(prefix, n) + "'?")
                        .orElse("; known keys here: " + candidates);
                throw new ConfigException(origin + ": unknown key '" + path + "'" + hint);
            }
            checkKeys(user.get(key), known.get(key), path, origin);
        }
    }

    private static boolean isOpen(String path) {
        return OPEN_MAPS.contains(path) || OPEN_MAPS.contains(path.replaceFirst("^indicators\\.[^.]+\\.", "indicators.*."));
    }

    private static String qualify(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    private void merge(ObjectNode into, JsonNode from, String prefix, String origin, Map<String, String> origins) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            var field = it.next();
            String path = qualify(prefix, field.getKey());
            JsonNode existing = into.get(field.getKey());
            if (existing != null && existing.isObject() && field.getValue().isObject()) {
                merge((ObjectNode) existing, field.getValue(), path, origin, origins);
            } else {
                into.set(field.getKey(), field.getValue());
                origins.put(path, origin);
            }
        }
    }

    private void applyEnvironment(ObjectNode node, String prefix, Map<String, String> env, Map<String, String> origins) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var field = it.next();
            String path = qualify(prefix, field.getKey());
            if (field.getValue().isObject()) {
                applyEnvironment((ObjectNode) field.getValue(), path, env, origins);
                continue;
            }
            for (String name : envNames(path)) {
                String value = env.get(name);
                if (value != null) {
                    // A text key takes the variable as it is (a token of digits stays text); others parse as YAML.
                    field.setValue(field.getValue().isTextual() || field.getValue().isNull()
                            ? yaml.getNodeFactory().textNode(value) : parseEnv(name, value));
                    origins.put(path, "environment variable " + name);
                }
            }
        }
    }

    private static List<String> envNames(String path) {
        List<String> names = new ArrayList<>();
        names.add(envName(path));
        ALIASES.forEach((alias, key) -> {
            if (key.equals(path)) {
                names.add(alias);
            }
        });
        return names;
    }

    private JsonNode parseEnv(String name, String value) {
        if (value.isBlank()) {
            return yaml.getNodeFactory().textNode(value);
        }
        try {
            JsonNode parsed = yaml.readTree(value);
            return parsed == null || parsed.isMissingNode() ? yaml.getNodeFactory().textNode(value) : parsed;
        } catch (JsonProcessingException e) {
            throw new ConfigException("environment variable " + name + " is not a valid YAML value: "
                    + e.getOriginalMessage());
        }
    }
}
