package io.ballast.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP server's request meters under the names Vert.x's own metrics used ({@code vertx_http_server_requests_total},
 * {@code vertx_http_server_response_time_seconds} by code, method and route; {@code
 * vertx_http_server_active_requests} by method), each meter registered once and then reused: a request costs one map
 * look-up, not a tag list and a registry look-up per meter (docs/performance.md, reads).
 */
public final class HttpMetrics {

    private record Key(String route, String method, int code) {
    }

    private record Meters(Counter requests, Timer time) {
    }

    private final MeterRegistry registry;
    private final Map<Key, Meters> meters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> active = new ConcurrentHashMap<>();

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A request began: counted as active until {@link #ended}. */
    public void begun(String method) {
        active(method).incrementAndGet();
    }

    /** A request ended with {@code code} after {@code nanos}; {@code route} is the route that answered, or "". */
    public void ended(String method, String route, int code, long nanos) {
        active(method).decrementAndGet();
        Meters m = meters.computeIfAbsent(new Key(route, method, code), this::register);
        m.requests().increment();
        m.time().record(nanos, TimeUnit.NANOSECONDS);
    }

    private AtomicLong active(String method) {
        AtomicLong count = active.get(method);
        return count != null ? count : active.computeIfAbsent(method, m -> {
            AtomicLong n = new AtomicLong();
            Gauge.builder("vertx.http.server.active.requests", n, AtomicLong::get).tag("method", m)
                    .description("requests being processed").register(registry);
            return n;
        });
    }

    private Meters register(Key key) {
        String code = Integer.toString(key.code());
        return new Meters(
                Counter.builder("vertx.http.server.requests").tags("route", key.route(), "method", key.method(),
                        "code", code).description("requests processed").register(registry),
                Timer.builder("vertx.http.server.response.time").tags("route", key.route(), "method", key.method(),
                        "code", code).description("time from a request's start to its response's end")
                        .register(registry));
    }
}
