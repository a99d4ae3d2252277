package io.ballast.server.http;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.stream.StreamEndpoint;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code GET /api/v1/stream?region=}: live score events over Server-Sent Events. */
final class StreamHandlers {

    private final StreamEndpoint endpoint;
    private final Supplier<BallastConfig.Reloadable> config;

    StreamHandlers(StreamEndpoint endpoint, Supplier<BallastConfig.Reloadable> config) {
        this.endpoint = endpoint;
        this.config = config;
    }

    void stream(RoutingContext ctx) {
        String region = QueryParams.region(ctx, config.get());
        endpoint.open(ctx, region, lastEventId(ctx));
    }

    private static Optional<Long> lastEventId(RoutingContext ctx) {
        String header = ctx.request().getHeader("Last-Event-ID");
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an id we never issued: the client gets a fresh snapshot
        }
    }
}
