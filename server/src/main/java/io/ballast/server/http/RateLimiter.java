package io.ballast.server.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address for write requests: {@code perMinute} requests a minute, in bursts of up to as
 * many. Beyond it the client gets 429 with {@code Retry-After} (seconds until the next request is allowed).
 */
final class RateLimiter implements SecurityPolicyHandler {

    private static final int MAX_CLIENTS = 100_000;

    private final double perNano;
    private final double capacity;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    RateLimiter(int perMinute) {
        this.capacity = perMinute;
        this.perNano = perMinute / 60e9;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String client = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        long now = System.nanoTime();
        if (buckets.size() > MAX_CLIENTS) {
            buckets.clear(); // a flood of addresses must not exhaust memory; everyone starts with a full bucket
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(capacity, now));
        long waitSeconds;
        synchronized (bucket) {
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * perNano);
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                waitSeconds = 0;
            } else {
                waitSeconds = (long) Math.ceil((1 - bucket.tokens) / perNano / 1e9);
            }
        }
        if (waitSeconds > 0) {
            ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, waitSeconds)));
            throw new Problem(429, "Too Many Requests", "This client sent more than " + (long) capacity
                    + " write requests in a minute; retry after " + Math.max(1, waitSeconds) + " s.",
                    Map.of());
        }
        ctx.next();
    }
}
