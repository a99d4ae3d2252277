package io.ballast.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the configuration in three layers: the defaults on the classpath ({@code ballast.yaml}), then the file named
 * by {@code --config} or {@code BALLAST_CONFIG} (key by key; a key left without a value keeps its default), then
 * environment variables ({@code BALLAST_} plus the key path in upper case, '_' for '.' and '-'), remembering where
 * each value came from; {@link ConfigBinder} then binds the result onto records.
 */
public final class ConfigLoader {

    static final String DEFAULTS = "ballast.yaml";
    private static final String DEFAULTS_ORIGIN = "the default config (classpath:" + DEFAULTS + ")";
    /** Extra environment names accepted for a key, beyond the generated one. */
    private static final Map<String, String> ALIASES = Map.of(
            "BALLAST_ADMIN_TOKEN", "security.admin-token",
            "BALLAST_INGEST_TOKEN", "security.ingest-token");
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    /** Loads and validates; {@code file} empty means the defaults alone. */
    public BallastConfig load(Optional<Path> file, Map<String, String> env) {
        return load(file, file.map(ConfigLoader::read), env);
    }

    /** Loads with the file's text already read (the watcher reads it when it changes). */
    public BallastConfig load(Path file, String text, Map<String, String> env) {
        return load(Optional.of(file), Optional.of(text), env);
    }

    private BallastConfig load(Optional<Path> file, Optional<String> text, Map<String, String> env) {
        ConfigBinder.prepareInBackground();
        ObjectNode tree = defaults();
        Origins origins = new Origins(file.map(ConfigLoader::origin).orElse(DEFAULTS_ORIGIN));
        if (file.isPresent()) {
            merge(tree, parse(file.get(), text.orElseThrow()), JsonPointer.empty(), origin(file.get()), origins);
        }
        applyEnvironment(tree, "", JsonPointer.empty(), env, origins);
        return ConfigBinder.bind(tree, origins);
    }

    /** The environment variable that overrides a key path: {@code data.dir} → {@code BALLAST_DATA_DIR}. */
    public static String envName(String keyPath) {
        return "BALLAST_" + keyPath.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String origin(Path file) {
        return "config file " + file;
    }

    private static ObjectNode defaults() {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new ConfigException("the default config " + DEFAULTS + " is not on the classpath");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new ConfigException("the default config " + DEFAULTS + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The text of the config file, or a message saying why it cannot be had and what to do. */
    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(origin(file) + " does not exist; point --config or BALLAST_CONFIG at a YAML "
                    + "file that does");
        } catch (AccessDeniedException e) {
            throw new ConfigException(origin(file) + " cannot be read: permission denied; make it readable by the "
                    + "user running Ballast");
        } catch (CharacterCodingException e) {
            throw new ConfigException(origin(file) + " cannot be read: it is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new ConfigException(origin(file) + " cannot be read: " + (Files.isDirectory(file)
                    ? "it is a directory; name a YAML file instead" : e.getMessage()), e);
        }
    }

    private static ObjectNode parse(Path file, String text) {
        try {
            JsonNode node = YAML.readTree(text);
            if (node == null || node.isMissingNode() || node.isNull()) {
                return YAML.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(origin(file) + ": the top level must be a mapping of keys, such as "
                        + "'server:' and 'regions:'");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new ConfigException(origin(file) + " is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
    }

    /** Lays {@code from} over {@code into} key by key; a key without a value keeps what {@code into} has. */
    private static void merge(ObjectNode into, ObjectNode from, JsonPointer at, String origin, Origins origins) {
        from.fields().forEachRemaining(field -> {
            JsonPointer key = at.appendProperty(field.getKey());
            JsonNode existing = into.get(field.getKey());
            if (field.getValue().isNull()) {
                return;
            }
            if (existing != null && existing.isObject() && field.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) field.getValue(), key, origin, origins);
            } else {
                into.set(field.getKey(), field.getValue());
                origins.put(key, origin);
            }
        });
    }

    private static void applyEnvironment(ObjectNode node, String prefix, JsonPointer at, Map<String, String> env,
                                         Origins origins) {
        node.fields().forEachRemaining(field -> {
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonPointer key = at.appendProperty(field.getKey());
            if (field.getValue().isObject()) {
                applyEnvironment((ObjectNode) field.getValue(), path, key, env, origins);
                return;
            }
            for (String name : envNames(path)) {
                String value = env.get(name);
                if (value != null) {
                    // A text key takes the variable as it is (a token of digits stays text); others parse as YAML.
                    field.setValue(field.getValue().isTextual() || field.getValue().isNull()
                            ? YAML.getNodeFactory().textNode(value) : parseEnv(name, path, value));
                    origins.put(key, "environment variable " + name);
                }
            }
        });
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

    private static JsonNode parseEnv(String name, String path, String value) {
        if (value.isBlank()) {
            return YAML.getNodeFactory().textNode(value);
        }
        try {
            JsonNode parsed = YAML.readTree(value);
            return parsed == null || parsed.isMissingNode() ? YAML.getNodeFactory().textNode(value) : parsed;
        } catch (JsonProcessingException e) {
            throw new ConfigException("environment variable " + name + ": key '" + path + "' must be a YAML value "
                    + "(a number, true or false, a text, or a list such as [a, b]), but it is not valid YAML: "
                    + e.getOriginalMessage());
        }
    }
}
