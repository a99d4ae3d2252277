package io.ballast.server.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.time.Duration;
import java.util.Map;

/**
 * A Bucket4j token bucket per client address for write requests: {@code perMinute} requests a minute, in bursts of up
 * to as many. Beyond it the client gets 429 with {@code Retry-After} (seconds until the next request is allowed). The
 * buckets sit in a bounded Caffeine cache: a bucket unused for a minute is full again and is dropped, and a flood of
 * new addresses evicts rarely used buckets one by one (Caffeine's frequency-based admission keeps busy clients), so
 * no client can reset the others' limits. One limiter serves every HTTP verticle.
 */
final class RateLimiter implements SecurityPolicyHandler {

    private static final int MAX_CLIENTS = 100_000;
    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final int perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(MAX_CLIENTS)
            .expireAfterAccess(PERIOD)
            .build();

    RateLimiter(int perMinute) {
        this.perMinute = perMinute;
    }

    private Bucket newBucket(String client) {
        return Bucket.builder().addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, PERIOD)).build();
    }

    @Override
    public void handle(RoutingContext ctx) {
        String client = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        ConsumptionProbe probe = buckets.get(client, this::newBucket).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long waitSeconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000);
            ctx.response().putHeader("Retry-After", Long.toString(waitSeconds));
            throw new Problem(429, "Too Many Requests", "This client sent more than " + perMinute
                    + " write requests in a minute; retry after " + waitSeconds + " s.", Map.of());
        }
        ctx.next();
    }
}
