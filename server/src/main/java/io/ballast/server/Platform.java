package io.ballast.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ballast.server.metrics.Metrics;
import io.ballast.server.outbound.Outbound;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * Start-up stage 0: what every other stage runs on. Vert.x with {@code 2 × cores} event loops reporting into the one
 * metrics registry, the JSON mapper every stage shares, and the one HTTP client for outbound calls.
 */
record Platform(Vertx vertx, Metrics metrics, ObjectMapper json, Outbound outbound, int eventLoops) {

    static Platform start() {
        int eventLoops = 2 * Runtime.getRuntime().availableProcessors();
        Metrics metrics = new Metrics();
        Vertx vertx = metrics.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        metrics.watchEventLoop(vertx);
        return new Platform(vertx, metrics, mapper(), new Outbound(vertx), eventLoops);
    }

    /** The JSON mapper every stage shares: strict reading (no trailing tokens, no duplicate keys). */
    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    Future<Void> close() {
        outbound.close();
        return vertx.close();
    }
}
