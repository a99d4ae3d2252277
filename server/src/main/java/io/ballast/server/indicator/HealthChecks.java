package io.ballast.server.indicator;

import io.ballast.api.Health;
import io.ballast.api.Indicator;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs plugins' own health checks on plugin threads and answers within the time limit: a check that throws, returns
 * null or does not answer in time is reported unhealthy with the reason, and never blocks the caller. A check that
 * hangs is waited on again, never started twice.
 */
final class HealthChecks implements AutoCloseable {

    private final Duration limit;
    private final ExecutorService threads;
    /** Health checks in flight, by plugin instance. */
    private final Map<Indicator, CompletableFuture<Health>> checks = new IdentityHashMap<>();

    HealthChecks(Duration limit) {
        this.limit = limit;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ballast-plugin-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    CompletableFuture<Health> health(LoadedPlugin plugin) {
        return running(plugin.indicator()).copy()
                .completeOnTimeout(Health.unhealthy("checkHealth did not answer within " + limit.toMillis() + " ms"),
                        limit.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> Health.unhealthy("checkHealth threw " + (e instanceof CompletionException
                        && e.getCause() != null ? e.getCause() : e)))
                .thenApply(h -> h == null ? Health.unhealthy("checkHealth returned null") : h);
    }

    /** The plugin's check in flight, started now when there is none. */
    private CompletableFuture<Health> running(Indicator indicator) {
        synchronized (checks) {
            CompletableFuture<Health> running = checks.get(indicator);
            if (running == null) {
                CompletableFuture<Health> started = CompletableFuture.supplyAsync(indicator::checkHealth, threads);
                checks.put(indicator, started);
                started.whenComplete((h, e) -> {
                    synchronized (checks) {
                        checks.remove(indicator, started);
                    }
                });
                running = started;
            }
            return running;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
