package io.ballast.server.indicator;

import io.ballast.api.Health;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorReading;
import io.ballast.api.MissingDataException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs a plugin's calls on plugin threads with a time limit: {@code measure}, where an exception, a timeout, a linkage
 * error or an invalid reading marks the plugin FAILED with the cause and the caller simply gets no reading (one bad
 * plugin never blocks or breaks the others; missing data is not a failure), and {@code checkHealth}, whose hang or
 * throw is reported as unhealthy without blocking the caller.
 */
public final class Measurer implements AutoCloseable {

    private final PluginHost host;
    private final Duration limit;
    private final ExecutorService threads;
    private final Listener listener;

    /** Hears of each measure call once, when it returns or throws, and of each failure once, when it is found. */
    public interface Listener {
        void measured(String plugin, Duration took);

        void failed(String plugin);

        /** A listener from two callbacks. */
        static Listener of(BiConsumer<String, Duration> measured, Consumer<String> failed) {
            return new Listener() {
                @Override
                public void measured(String plugin, Duration took) {
                    measured.accept(plugin, took);
                }

                @Override
                public void failed(String plugin) {
                    failed.accept(plugin);
                }
            };
        }
    }

    /** Health checks in flight, by plugin instance: a check that hangs is waited on again, never started twice. */
    private final Map<Indicator, CompletableFuture<Health>> checks = new IdentityHashMap<>();

    public Measurer(PluginHost host, Duration limit) {
        this(host, limit, Listener.of((plugin, took) -> { }, plugin -> { }));
    }

    public Measurer(PluginHost host, Duration limit, Listener listener) {
        this.host = host;
        this.limit = limit;
        this.listener = listener;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ballast-plugin-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The plugin's reading, or empty when it has no data or failed (then it is marked FAILED). */
    public Optional<IndicatorReading> measure(LoadedPlugin plugin, IndicatorContext context) {
        return measureAll(plugin, List.of(context)).get(0).reading();
    }

    /**
     * The plugin's readings of several contexts (one region's years, say), measured one after the other on one plugin
     * thread: one thread hop for the lot, yet each call still has the full time limit. The caller watches the call
     * in progress and gives up on the plugin as soon as one call overruns, throws or returns an invalid reading; the
     * contexts not reached then get no reading.
     */
    public List<Measurement> measureAll(LoadedPlugin plugin, List<? extends IndicatorContext> contexts) {
        AtomicReferenceArray<Measurement> readings = new AtomicReferenceArray<>(contexts.size());
        AtomicLong callStarted = new AtomicLong(System.nanoTime());
        AtomicInteger current = new AtomicInteger();
        AtomicBoolean abandoned = new AtomicBoolean();
        Future<?> batch = threads.submit(() -> {
            for (int i = 0; i < contexts.size() && !abandoned.get(); i++) {
                current.set(i);
                long started = System.nanoTime();
                callStarted.set(started);
                try {
                    Measurement reading = answer(plugin, contexts.get(i));
                    if (!abandoned.get()) {
                        readings.set(i, reading);
                    }
                } finally {
                    listener.measured(plugin.id(), Duration.ofNanos(System.nanoTime() - started));
                }
            }
            return null;
        });
        long pollNanos = Math.max(1_000_000, limit.toNanos() / 4);
        try {
            while (true) {
                try {
                    batch.get(pollNanos, TimeUnit.NANOSECONDS);
                    return snapshot(readings);
                } catch (TimeoutException e) {
                    if (System.nanoTime() - callStarted.get() > limit.toNanos()) {
                        abandoned.set(true); // the plugin thread may still finish its call: its answer is dropped
                        batch.cancel(true);
                        List<Measurement> sofar = snapshot(readings);
                        failed(plugin, "measure took longer than " + limit.toMillis() + " ms for "
                                + where(contexts.get(current.get())));
                        return sofar;
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String where = where(contexts.get(current.get()));
            if (cause instanceof InvalidAnswer invalid) {
                failed(plugin, invalid.getMessage() + " for " + where);
            } else {
                String kind = cause instanceof IllegalArgumentException ? "returned an invalid reading" : "threw";
                failed(plugin, "measure " + kind + " for " + where + ": " + cause);
            }
        } catch (InterruptedException e) {
            abandoned.set(true);
            batch.cancel(true);
            Thread.currentThread().interrupt();
        }
        return snapshot(readings);
    }

    private static List<Measurement> snapshot(AtomicReferenceArray<Measurement> readings) {
        List<Measurement> out = new ArrayList<>(readings.length());
        for (int i = 0; i < readings.length(); i++) {
            Measurement m = readings.get(i);
            out.add(m == null ? Measurement.NONE : m);
        }
        return out;
    }

    /** One call on the plugin thread: a reading, missing data, or an exception that fails the plugin. */
    private static Measurement answer(LoadedPlugin plugin, IndicatorContext context) {
        IndicatorReading reading;
        try {
            reading = plugin.indicator().measure(context);
        } catch (MissingDataException e) {
            return Measurement.missing(e);
        }
        if (reading == null) {
            throw new InvalidAnswer("measure returned null");
        }
        return Measurement.of(reading);
    }

    private void failed(LoadedPlugin plugin, String cause) {
        listener.failed(plugin.id());
        host.fail(plugin.id(), plugin.indicator(), cause);
    }

    private static String where(IndicatorContext context) {
        return context.region() + " " + context.period();
    }

    /**
     * The plugin's own health check, run on a plugin thread and answered within the time limit: a check that throws,
     * returns null or does not answer in time is reported unhealthy with the reason. Never blocks the caller.
     */
    public CompletableFuture<Health> health(LoadedPlugin plugin) {
        Indicator indicator = plugin.indicator();
        CompletableFuture<Health> running;
        synchronized (checks) {
            running = checks.get(indicator);
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
        }
        return running.copy()
                .completeOnTimeout(Health.unhealthy("checkHealth did not answer within " + limit.toMillis() + " ms"),
                        limit.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> Health.unhealthy("checkHealth threw " + (e instanceof CompletionException
                        && e.getCause() != null ? e.getCause() : e)))
                .thenApply(h -> h == null ? Health.unhealthy("checkHealth returned null") : h);
    }

    /** A plugin answered something that is not a reading. */
    private static final class InvalidAnswer extends RuntimeException {
        InvalidAnswer(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
