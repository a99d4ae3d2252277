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
        module.addDeserializer(Integer.class, new WholeNumber(null, false));
        module.addDeserializer(int.class, new WholeNumber(null, true));
        module.addDeserializer(Double.class, new Decimal(null, false));
        module.addDeserializer(double.class, new Decimal(null, true));
        module.addDeserializer(Path.class, new FilePath());
        return module;
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

    /** An int, within its range when the key has one; a key without a value is refused unless boxed. */
    static final class WholeNumber extends JsonDeserializer<Integer> implements ContextualDeserializer {
        private final Range range;
        private final boolean primitive;

        WholeNumber(Range range, boolean primitive) {
            this.range = range;
            this.primitive = primitive;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            return new WholeNumber(range(property), primitive);
        }

        private String expected() {
            return range == null ? "a whole number"
                    : "a whole number from " + format(range.min()) + " to " + format(range.max());
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                throw new WrongValue(p, expected(), given(p));
            }
            int value = p.getIntValue();
            if (range != null && (value < range.min() || value > range.max())) {
                throw new WrongValue(p, expected(), p.getText());
            }
            return value;
        }

        @Override
        public Integer getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            if (primitive) {
                throw new WrongValue(ctxt.getParser(), expected(), "");
            }
            return null;
        }
    }

    /** A finite number, within its range when the key has one; a key without a value is refused unless boxed. */
    static final class Decimal extends JsonDeserializer<Double> implements ContextualDeserializer {
        private final Range range;
        private final boolean primitive;

        Decimal(Range range, boolean primitive) {
            this.range = range;
            this.primitive = primitive;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            return new Decimal(range(property), primitive);
        }

        private String expected() {
            return range == null ? "a number" : "a number from " + format(range.min()) + " to " + format(range.max());
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.currentToken().isNumeric() || !Double.isFinite(p.getDoubleValue())) {
                throw new WrongValue(p, expected(), given(p));
            }
            double value = p.getDoubleValue();
            if (range != null && (value < range.min() || value > range.max())) {
                throw new WrongValue(p, expected(), p.getText());
            }
            return value;
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) throws JsonMappingException {
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
