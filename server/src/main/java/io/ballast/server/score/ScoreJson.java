package io.ballast.server.score;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.time.Instant;

/**
 * Scores as JSON between nodes, and kept in a score snapshot: the server's mapper reading and writing record
 * components only (no derived {@code isX()} properties), instants as ISO text, and tolerant of fields a reader does
 * not know.
 */
public final class ScoreJson {

    private final ObjectMapper mapper;

    public ScoreJson(ObjectMapper shared) {
        this.mapper = shared.copy()
                // the record components alone: an isDefined() beside an int 'defined' must not replace it
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .registerModule(new SimpleModule("ballast-cluster")
                        .addSerializer(Instant.class, new JsonSerializer<>() {
                            @Override
                            public void serialize(Instant value, JsonGenerator out, SerializerProvider p)
                                    throws IOException {
                                out.writeString(value.toString());
                            }
                        })
                        .addDeserializer(Instant.class, new JsonDeserializer<>() {
                            @Override
                            public Instant deserialize(JsonParser in, DeserializationContext c) throws IOException {
                                return Instant.parse(in.getValueAsString());
                            }
                        }));
    }

    public Buffer write(Object value) {
        try {
            return Buffer.buffer(mapper.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public <T> T read(Buffer bytes, Class<T> type) throws IOException {
        return mapper.readValue(bytes.getBytes(), type);
    }

    public <T> T read(Buffer bytes, TypeReference<T> type) throws IOException {
        return mapper.readValue(bytes.getBytes(), type);
    }
}
