package io.ballast.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.UncheckedIOException;

/** Sends JSON answers: an object serialised by Jackson, or bytes already serialised (from a cache). */
final class Json {

    private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

    private Json() {
    }

    static void send(RoutingContext ctx, ObjectMapper json, Object body) {
        try {
            send(ctx, Buffer.buffer(json.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void send(RoutingContext ctx, Buffer body) {
        ctx.response().putHeader(CONTENT_TYPE, APPLICATION_JSON).end(body);
    }
}
