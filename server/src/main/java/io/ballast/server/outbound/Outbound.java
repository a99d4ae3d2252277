package io.ballast.server.outbound;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The process's one HTTP client for calls it makes (the World Bank API, the alert webhook), and the one way such a
 * call is retried: {@link #withRetries}, on Vert.x timers, never blocking a thread while it waits.
 */
public final class Outbound implements AutoCloseable {

    /** Hears of each retry: why the attempt failed, which retry comes next and after how many milliseconds. */
    @FunctionalInterface
    public interface RetryListener {
        void retrying(Throwable failure, int retry, long waitMs);
    }

    private final Vertx vertx;
    private WebClient web;
    private boolean closed;

    /** The client is made on first use: most servers call out to nothing, and start-up need not pay for it. */
    public Outbound(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The client; set each request's own timeouts on it. */
    public synchronized WebClient web() {
        if (closed) {
            throw new IllegalStateException("the outbound client is closed");
        }
        if (web == null) {
            web = WebClient.create(vertx, new WebClientOptions()
                    .setUserAgent("Ballast (economic resilience dashboard)")
                    .setFollowRedirects(true));
        }
        return web;
    }

    /**
     * Makes {@code attempt} until it succeeds, fails in a way {@code retryable} refuses, or the policy's retries are
     * used up; the last failure is the answer.
     */
    public <T> Future<T> withRetries(RetryPolicy policy, Predicate<Throwable> retryable, RetryListener listener,
                                     Supplier<Future<T>> attempt) {
        return attempt(policy, retryable, listener, attempt, 0);
    }

    private <T> Future<T> attempt(RetryPolicy policy, Predicate<Throwable> retryable, RetryListener listener,
                                  Supplier<Future<T>> attempt, int retriesDone) {
        Future<T> tried;
        try {
            tried = attempt.get();
        } catch (RuntimeException e) {
            tried = Future.failedFuture(e);
        }
        return tried.recover(failure -> {
            if (retriesDone >= policy.retries() || !retryable.test(failure)) {
                return Future.failedFuture(failure);
            }
            long wait = Math.max(1, policy.before(retriesDone + 1).toMillis());
            listener.retrying(failure, retriesDone + 1, wait);
            return vertx.timer(wait).compose(v -> attempt(policy, retryable, listener, attempt, retriesDone + 1));
        });
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (web != null) {
            web.close();
        }
    }
}
