package io.ballast.server.http;

import io.ballast.server.stream.StreamEndpoint;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** {@code GET /api/v1/stream?region=}: live score events over Server-Sent Events. */
final class StreamHandlers {

    private final Services services;
    private final StreamEndpoint endpoint;

    StreamHandlers(Services services, StreamEndpoint endpoint) {
        this.services = services;
        this.endpoint = endpoint;
    }

    void stream(RoutingContext ctx) {
        String region = QueryParams.region(ctx, services.config());
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
