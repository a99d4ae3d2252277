package io.ballast.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ballast.server.cluster.ClusterNode;
import io.ballast.server.config.Cluster;
import io.ballast.server.metrics.Metrics;
import io.ballast.server.outbound.Outbound;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Optional;

/**
 * Start-up stage 0: what every other stage runs on. Vert.x with {@code 2 × cores} event loops reporting into the one
 * metrics registry (joined to the other nodes when {@code cluster.enabled}), the JSON mapper every stage shares, and
 * the one HTTP client for outbound calls.
 */
record Platform(Vertx vertx, Metrics metrics, ObjectMapper json, Outbound outbound, int eventLoops,
                Optional<ClusterNode> cluster) {

    /** A single node: nothing of Hazelcast is loaded. */
    static Platform start() {
        int eventLoops = 2 * Runtime.getRuntime().availableProcessors();
        Metrics metrics = new Metrics();
        Vertx vertx = metrics.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        return started(vertx, metrics, eventLoops, Optional.empty());
    }

    /** A single node, or one node of a cluster when {@code cluster.enabled}: blocks until it joined. */
    static Platform start(Cluster cluster) {
        if (!cluster.enabled()) {
            return start();
        }
        int eventLoops = 2 * Runtime.getRuntime().availableProcessors();
        Metrics metrics = new Metrics();
        ClusterNode node = ClusterNode.of(cluster);
        Vertx vertx = metrics.clusteredVertx(node.busOn(new VertxOptions().setEventLoopPoolSize(eventLoops)),
                node.manager()).await();
        return started(vertx, metrics, eventLoops, Optional.of(node));
    }

    private static Platform started(Vertx vertx, Metrics metrics, int eventLoops, Optional<ClusterNode> cluster) {
        metrics.watchEventLoop(vertx);
        return new Platform(vertx, metrics, mapper(), new Outbound(vertx), eventLoops, cluster);
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
