package io.ballast.server.http;

import io.ballast.server.metrics.HttpMetrics;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id (the client's {@code X-Request-Id} when it is sane, a new process-unique one otherwise), echoes it in the
 * response, and logs the request when it ends with that id in the MDC: writes and errors at INFO, reads at DEBUG
 * (logger {@code ballast.access}).
 */
final class RequestLog implements Handler<RoutingContext> {

    static final String KEY = "requestId";
    private static final CharSequence HEADER = io.vertx.core.http.HttpHeaders.createOptimized("X-Request-Id");
    private static final Logger ACCESS = LoggerFactory.getLogger("ballast.access");
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Ids are this process's random prefix and a counter: unique, and far cheaper than a random UUID each. */
    private static final String PREFIX = Long.toHexString(new java.security.SecureRandom().nextLong() >>> 16);
    private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();

    private final HttpMetrics metrics;

    RequestLog(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String given = ctx.request().getHeader(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given
                : PREFIX + "-" + Long.toHexString(COUNTER.incrementAndGet());
        ctx.put(KEY, id);
        ctx.response().putHeader(HEADER, id);
        long started = System.nanoTime();
        String method = ctx.request().method().name();
        metrics.begun(method);
        ctx.addEndHandler(done -> {
            metrics.ended(method, route(ctx), ctx.response().getStatusCode(), System.nanoTime() - started);
            if (!ctx.response().ended() && !ctx.response().headWritten()) {
                // the connection closed before any answer: there is no status to log, and 200 would be a lie
                withId(id, () -> ACCESS.info("{} {} closed before an answer, {} ms", ctx.request().method(),
                        ctx.request().path(), (System.nanoTime() - started) / 1_000_000));
                return;
            }
            int status = ctx.response().getStatusCode();
            boolean notable = status >= 400 || !ctx.request().method().name().equals("GET");
            if (notable ? ACCESS.isInfoEnabled() : ACCESS.isDebugEnabled()) {
                withId(id, () -> {
                    String line = "{} {} {} {} ms";
                    Object[] args = {ctx.request().method(), ctx.request().path(), status,
                            (System.nanoTime() - started) / 1_000_000};
                    if (notable) {
                        ACCESS.info(line, args);
                    } else {
                        ACCESS.debug(line, args);
                    }
                });
            }
        });
        ctx.next();
    }

    /** The route that answered (its path or pattern); empty when a problem handler or no route did. */
    private static String route(RoutingContext ctx) {
        String name = ctx.currentRoute() == null ? null : ctx.currentRoute().getName();
        return name == null ? "" : name;
    }

    /** Runs {@code work} with the request id in the MDC, so every log line it writes carries it. */
    static void withId(String id, Runnable work) {
        MDC.put(KEY, id);
        try {
            work.run();
        } finally {
            MDC.remove(KEY);
        }
    }
}
