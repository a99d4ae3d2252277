package io.ballast.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Binds the merged YAML tree onto {@link ConfigFile} with Jackson (kebab-case keys, unknown keys refused, no lenient
 * coercion) and turns every failure into one sentence: where the value came from, the key, and what it must be, or
 * the nearest known key.
 */
final class ConfigBinder {

    private ConfigBinder() {
    }

    /** The reader, its deserializers built once; class initialisation makes it thread-safe to prepare early. */
    private static final class Reader {
        static final ObjectReader CONFIG_FILE = mapper().readerFor(ConfigFile.class);
    }

    private static final AtomicBoolean PREPARING = new AtomicBoolean();

    /**
     * Builds the reader's deserializers (Jackson's introspection of every configuration record) on a thread of its
     * own, once, so that the first load does it while SnakeYAML reads the files: both are cold-start work.
     */
    static void prepareInBackground() {
        if (PREPARING.compareAndSet(false, true)) {
            Thread prepare = new Thread(() -> Objects.requireNonNull(Reader.CONFIG_FILE), "ballast-config-prepare");
            prepare.setDaemon(true);
            prepare.start();
        }
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(new Jdk8Module())
                .addModule(ConfigTypes.module())
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** The configuration the tree describes; a {@link ConfigException} naming origin, key and fix otherwise. */
    static BallastConfig bind(JsonNode tree, Origins origins) {
        try {
            return Reader.CONFIG_FILE.<ConfigFile>readValue(tree).split();
        } catch (Invalid e) {
            throw bad(origins, KeyPath.ROOT.resolve(e.key()), e.expected());
        } catch (UnrecognizedPropertyException e) {
            throw unknown(origins, KeyPath.of(e.getPath().subList(0, e.getPath().size() - 1)), e.getPropertyName(),
                    e.getKnownPropertyIds());
        } catch (ValueInstantiationException e) {
            KeyPath at = KeyPath.of(e.getPath());
            if (e.getCause() instanceof Invalid invalid) {
                throw bad(origins, at.resolve(invalid.key()), invalid.expected());
            }
            throw bad(origins, at, "usable (" + e.getOriginalMessage() + ")");
        } catch (ConfigTypes.WrongValue e) {
            throw bad(origins, KeyPath.of(e.getPath()), e.expected());
        } catch (MismatchedInputException e) {
            KeyPath at = KeyPath.of(e.getPath());
            throw bad(origins, at, expected(e.getTargetType()) + ", not '" + given(tree.at(at.pointer())) + "'");
        } catch (IOException e) {
            KeyPath at = e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? KeyPath.of(m.getPath())
                    : KeyPath.ROOT;
            throw bad(origins, at, "usable (" + (e instanceof JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage()) + ")");
        }
    }

    private static ConfigException bad(Origins origins, KeyPath key, String expected) {
        return new ConfigException(origins.of(key.pointer()) + ": key '" + key.text() + "' must be " + expected);
    }

    private static ConfigException unknown(Origins origins, KeyPath at, String name, Collection<Object> known) {
        List<String> candidates = known.stream().map(String::valueOf).sorted().toList();
        KeyPath key = at.key(name);
        String hint = Nearest.of(name, candidates).map(n -> "; did you mean '" + at.key(n).text() + "'?")
                .orElse("; known keys here: " + candidates);
        return new ConfigException(origins.of(key.pointer()) + ": unknown key '" + key.text() + "'" + hint);
    }

    /** What a value of this type looks like, to follow "must be". */
    static String expected(Class<?> type) {
        if (type == null) {
            return "something else";
        }
        if (type.isEnum()) {
            List<String> names = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.toString().toLowerCase(Locale.ROOT)).toList();
            return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isRecord()) {
            return "a mapping with the keys " + Arrays.stream(type.getRecordComponents())
                    .map(c -> c.getAccessor().isAnnotationPresent(JsonProperty.class)
                            ? c.getAccessor().getAnnotation(JsonProperty.class).value()
                            : PropertyNamingStrategies.KebabCaseStrategy.INSTANCE.translate(c.getName()))
                    .collect(Collectors.joining(", "));
        }
        return Map.class.isAssignableFrom(type) ? "a mapping" : "a " + type.getSimpleName();
    }

    private static String given(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "";
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
