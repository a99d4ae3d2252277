package io.ballast.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the configuration's scalars are read, strictly: whole numbers and numbers within their {@link Range}, file-system
 * paths, and lists that may also be given as one comma-separated text (as an environment variable gives them). A
 * value that does not fit fails with {@link WrongValue}, which says what the key must be.
 */
final class ConfigTypes {

    private ConfigTypes() {
    }

    /** The module that installs these readers. */
    static SimpleModule module() {
        SimpleModule module = new SimpleModule("ballast-config");
        addNumber(module, Integer.class, new Bounded(true, false, null));
        addNumber(module, int.class, new Bounded(true, true, null));
        addNumber(module, Double.class, new Bounded(false, false, null));
        addNumber(module, double.class, new Bounded(false, true, null));
        module.addDeserializer(Path.class, new FilePath());
        return module;
    }

    @SuppressWarnings("unchecked")
    private static <T> void addNumber(SimpleModule module, Class<T> type, Bounded reader) {
        module.addDeserializer(type, (JsonDeserializer<? extends T>) (JsonDeserializer<?>) reader);
    }

    /** A value that does not fit its key: what the key must be, and what was given. */
    static final class WrongValue extends JsonMappingException {
        private final String expected;

        WrongValue(JsonParser p, String expected, String given) {
            super(p, "must be " + expected + ", not '" + given + "'");
            this.expected = expected + ", not '" + given + "'";
        }

        String expected() {
            return expected;
        }
    }

    private static String given(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null || t == JsonToken.VALUE_NULL) {
            return "";
        }
        return t.isStructStart() ? (t == JsonToken.START_ARRAY ? "a list" : "a mapping") : p.getText();
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static Range range(BeanProperty property) {
        return property == null ? null : property.getAnnotation(Range.class);
    }

    /**
     * A whole number (an int) or a finite number (a double), within its range when the key has one. A key without a
     * value is refused, unless the type is boxed (then it is null: the record gives the default).
     */
    static final class Bounded extends JsonDeserializer<Number> implements ContextualDeserializer {
        private final boolean whole;
        private final boolean primitive;
        private final Range range;

        Bounded(boolean whole, boolean primitive, Range range) {
            this.whole = whole;
            this.primitive = primitive;
            this.range = range;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            return new Bounded(whole, primitive, range(property));
        }

        private String expected() {
            String what = whole ? "a whole number" : "a number";
            return range == null ? what : what + " from " + format(range.min()) + " to " + format(range.max());
        }

        @Override
        public Number deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            boolean fits = whole ? t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                    : t.isNumeric() && Double.isFinite(p.getDoubleValue());
            if (!fits) {
                throw new WrongValue(p, expected(), given(p));
            }
            double value = p.getDoubleValue();
            if (range != null && (value < range.min() || value > range.max())) {
                throw new WrongValue(p, expected(), p.getText());
            }
            return whole ? (Number) p.getIntValue() : (Number) value;
        }

        @Override
        public Number getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            if (primitive) {
                throw new WrongValue(ctxt.getParser(), expected(), "");
            }
            return null;
        }
    }

    /** A file-system path; empty text is the empty path, which a section may read as "the default". */
    static final class FilePath extends JsonDeserializer<Path> {
        @Override
        public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new WrongValue(p, "a file-system path", given(p));
            }
            try {
                return Path.of(p.getText().strip());
            } catch (InvalidPathException e) {
                throw new WrongValue(p, "a file-system path (" + e.getReason() + ")", p.getText());
            }
        }

        @Override
        public Path getNullValue(DeserializationContext ctxt) {
            return Path.of("");
        }
    }

    /** A list of texts, given as a list or as one comma-separated text; blanks are dropped, each item stripped. */
    static final class CommaList extends JsonDeserializer<List<String>> {
        @Override
        public List<String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            List<String> out = new ArrayList<>();
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                for (String part : p.getText().split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
                return List.copyOf(out);
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw new WrongValue(p, "a list, or one comma-separated text", given(p));
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (!t.isScalarValue()) {
                    throw new WrongValue(p, "a list of texts", given(p));
                }
                out.add(p.getText().strip());
            }
            return List.copyOf(out);
        }

        @Override
        public List<String> getNullValue(DeserializationContext ctxt) {
            return List.of();
        }
    }
}
