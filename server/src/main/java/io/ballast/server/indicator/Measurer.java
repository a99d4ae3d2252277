package io.ballast.server.indicator;

import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorReading;
import io.ballast.api.MissingDataException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a plugin's {@code measure} on a thread of its own with a time limit. An exception, a timeout, a linkage error
 * or an invalid reading marks the plugin FAILED with the cause, and the caller simply gets no reading: one bad plugin
 * never blocks or breaks the others. Missing data is not a failure.
 */
public final class Measurer implements AutoCloseable {

    private final PluginHost host;
    private final Duration limit;
    private final ExecutorService threads;
    private final Listener listener;

    /** Hears of every measure call: which plugin, how long it took, whether it failed. */
    @FunctionalInterface
    public interface Listener {
        void measured(String plugin, Duration took, boolean failed);
    }

    public Measurer(PluginHost host, Duration limit) {
        this(host, limit, (plugin, took, failed) -> { });
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
        long started = System.nanoTime();
        boolean[] failed = {false};
        try {
            return call(plugin, context, failed);
        } finally {
            listener.measured(plugin.id(), Duration.ofNanos(System.nanoTime() - started), failed[0]);
        }
    }

    private Optional<IndicatorReading> call(LoadedPlugin plugin, IndicatorContext context, boolean[] failed) {
        String where = context.region() + " " + context.period();
        Future<IndicatorReading> call = threads.submit(() -> plugin.indicator().measure(context));
        try {
            IndicatorReading reading = call.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (reading == null) {
                failed[0] = true;
                host.fail(plugin.id(), plugin.indicator(), "measure returned null for " + where);
                return Optional.empty();
            }
            return Optional.of(reading);
        } catch (TimeoutException e) {
            failed[0] = true;
            call.cancel(true);
            host.fail(plugin.id(), plugin.indicator(), "measure took longer than " + limit.toMillis() + " ms for "
                    + where);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MissingDataException) {
                return Optional.empty();
            }
            failed[0] = true;
            String kind = cause instanceof IllegalArgumentException ? "returned an invalid reading" : "threw";
            host.fail(plugin.id(), plugin.indicator(), "measure " + kind + " for " + where + ": " + cause);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
