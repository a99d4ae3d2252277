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
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs a plugin's calls with a time limit: {@code measure}, where an exception, a timeout, a linkage error, an invalid
 * reading or a thread left running marks the plugin FAILED with the cause and the caller simply gets no reading (one
 * bad plugin never blocks or breaks the others; missing data is not a failure), and {@code checkHealth}, whose hang or
 * throw is reported as unhealthy without blocking the caller. In-process plugins run on a thread per batch in a thread
 * group of their own; plugins in a runner ({@link RemoteIndicator}) are sent the batch over its pipe. Every reading
 * is rebuilt through the API's records, so it is checked again whatever the plugin did to it.
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

    /** The thread of a call given up on, by plugin instance, while it may still run. */
    private final Map<Indicator, Thread> abandoned = new java.util.concurrent.ConcurrentHashMap<>();
    /** The thread group of each plugin's calls: a thread left in it after a call is one the plugin started. */
    private final Map<Indicator, ThreadGroup> groups =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    private final ThreadGroup callers = new ThreadGroup("ballast-plugins");
    private final AtomicLong counter = new AtomicLong();

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
        if (contexts.isEmpty()) {
            return List.of();
        }
        if (plugin.indicator() instanceof RemoteIndicator remote) {
            return measureRemote(plugin, remote, contexts);
        }
        Thread stuck = abandoned.get(plugin.indicator());
        if (stuck != null && stuck.isAlive()) {
            failed(plugin, "its call abandoned earlier is still running (a thread cannot be stopped in process; "
                    + "plugins.isolation: process would have killed it)");
            return snapshot(new AtomicReferenceArray<>(contexts.size()));
        }
        abandoned.remove(plugin.indicator());
        AtomicReferenceArray<Measurement> readings = new AtomicReferenceArray<>(contexts.size());
        AtomicLong callStarted = new AtomicLong(System.nanoTime());
        AtomicInteger current = new AtomicInteger();
        AtomicBoolean abandoned = new AtomicBoolean();
        ThreadGroup group = groups.computeIfAbsent(plugin.indicator(),
                k -> new ThreadGroup(callers, "ballast-plugin-" + plugin.id()));
        FutureTask<Void> batch = new FutureTask<>(() -> {
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
        Thread caller = new Caller(group, batch, "ballast-plugin-" + plugin.id() + "-" + counter.incrementAndGet());
        caller.setDaemon(true);
        caller.start();
        long pollNanos = Math.max(1_000_000, limit.toNanos() / 4);
        try {
            while (true) {
                try {
                    batch.get(pollNanos, TimeUnit.NANOSECONDS);
                    int stray = strayThreads(group, caller);
                    if (stray > 0) {
                        failed(plugin, "measure started " + stray + " thread(s) that are still running; a plugin "
                                + "must not start threads");
                        group.interrupt(); // all that can be done in process; a runner would have been killed
                        return snapshot(new AtomicReferenceArray<>(contexts.size()));
                    }
                    return snapshot(readings);
                } catch (TimeoutException e) {
                    if (System.nanoTime() - callStarted.get() > limit.toNanos()) {
                        abandoned.set(true); // the plugin thread may still finish its call: its answer is dropped
                        batch.cancel(true);
                        this.abandoned.put(plugin.indicator(), caller);
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

    /**
     * Measures out of process: the runner answers each year as it goes, within the time limit per call; a runner that
     * misses a deadline, exits or starts threads has been killed, and the plugin fails with that cause.
     */
    private List<Measurement> measureRemote(LoadedPlugin plugin, RemoteIndicator remote,
                                            List<? extends IndicatorContext> contexts) {
        IsolatedJar.Batch batch = remote.measureBatch(contexts, limit);
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < contexts.size(); i++) {
            if (i >= batch.answers().size()) {
                out.add(Measurement.NONE);
                continue;
            }
            RunnerProtocol.Answer answer = batch.answers().get(i);
            IndicatorContext context = contexts.get(i);
            listener.measured(plugin.id(), Duration.ofNanos(answer.nanos()));
            answer.reads().forEach((code, years) -> years.forEach(year -> context.value(code, year)));
            try {
                if (answer.missing() != null) {
                    out.add(Measurement.missing(answer.missing().toApi()));
                } else if (answer.reading() != null) {
                    out.add(Measurement.of(answer.reading().toApi()));
                } else {
                    failed(plugin, "measure " + answer.failure() + " for " + where(context));
                    return fill(out, contexts.size());
                }
            } catch (IllegalArgumentException | NullPointerException e) {
                remote.jar().kill("it sent an invalid reading");
                failed(plugin, "measure returned an invalid reading for " + where(context) + ": " + e.getMessage());
                return fill(out, contexts.size());
            }
        }
        batch.failure().ifPresent(cause -> failed(plugin, cause));
        return out;
    }

    private static List<Measurement> fill(List<Measurement> sofar, int size) {
        while (sofar.size() < size) {
            sofar.add(Measurement.NONE);
        }
        return sofar;
    }

    /**
     * Threads in the plugin's group that are not the measurer's own callers (this batch's, or an earlier one's still
     * finishing): threads the plugin started.
     */
    private static int strayThreads(ThreadGroup group, Thread caller) {
        Thread[] all = new Thread[group.activeCount() + 16];
        int n = group.enumerate(all, true);
        int stray = 0;
        for (int i = 0; i < n; i++) {
            if (all[i] != caller && !(all[i] instanceof Caller) && all[i].isAlive()) {
                stray++;
            }
        }
        return stray;
    }

    /** A thread the measurer started to run a batch; threads a plugin starts are plain threads. */
    private static final class Caller extends Thread {
        Caller(ThreadGroup group, Runnable task, String name) {
            super(group, task, name);
        }
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
            return Measurement.missing(RunnerWire.Missing.of(e).toApi());
        }
        if (reading == null) {
            throw new InvalidAnswer("measure returned null");
        }
        // built again through the records' constructors: a reading whose fields were altered after its checks ran
        // (by reflection or Unsafe) is refused here, as it would be arriving from a runner
        return Measurement.of(RunnerWire.Reading.of(reading).toApi());
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
