package io.ballast.server.indicator;

import io.ballast.api.Health;
import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorReading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs a plugin's calls with a time limit: {@code measure}, where an exception, a timeout, a linkage error, an invalid
 * reading or a thread left running marks the plugin FAILED with the cause and the caller simply gets no reading (one
 * bad plugin never blocks or breaks the others; missing data is not a failure), and {@code checkHealth}, whose hang or
 * throw is reported as unhealthy without blocking the caller. In-process plugins run each batch on a caller thread in
 * a thread group of their own, kept for the plugin's next batch; plugins in a runner ({@link RemoteIndicator}) are
 * sent the batch over its pipe. Every reading is rebuilt through the API's records, so it is checked again whatever
 * the plugin did to it. This class only picks the way: {@link InProcessMeasurer} and {@link RemoteMeasurer} measure,
 * {@link HealthChecks} checks health.
 */
public final class Measurer implements AutoCloseable {

    private final InProcessMeasurer inProcess;
    private final RemoteMeasurer remote;
    private final HealthChecks checks;

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

    public Measurer(PluginHost host, Duration limit) {
        this(host, limit, Listener.of((plugin, took) -> { }, plugin -> { }));
    }

    public Measurer(PluginHost host, Duration limit, Listener listener) {
        FailureReporter failures = new FailureReporter(host, listener);
        this.inProcess = new InProcessMeasurer(limit, listener, failures);
        this.remote = new RemoteMeasurer(limit, listener, failures);
        this.checks = new HealthChecks(limit);
    }

    /** Whether the plugin runs in this process (its contexts are read here), not in a runner. */
    public boolean inProcess(LoadedPlugin plugin) {
        return !(plugin.indicator() instanceof RemoteIndicator);
    }

    /** The plugin's reading, or empty when it has no data or failed (then it is marked FAILED). */
    public Optional<IndicatorReading> measure(LoadedPlugin plugin, IndicatorContext context) {
        return measureAll(plugin, List.of(context)).get(0).reading();
    }

    /**
     * Several plugins' readings, {@code contexts.get(i)} measured by {@code plugins.get(i)}, as {@link #measureAll}
     * would answer each, but with the in-process plugins' batches running at the same time: the caller waits for the
     * slowest batch rather than for the sum of thread hops, and each call still has the full time limit.
     */
    public List<List<Measurement>> measureEach(List<LoadedPlugin> plugins,
                                               List<? extends List<? extends IndicatorContext>> contexts) {
        List<InProcessMeasurer.Started> started = new ArrayList<>();
        for (int i = 0; i < plugins.size(); i++) {
            boolean local = !contexts.get(i).isEmpty() && inProcess(plugins.get(i));
            started.add(local ? inProcess.start(plugins.get(i), contexts.get(i)) : null);
        }
        List<List<Measurement>> out = new ArrayList<>();
        for (int i = 0; i < plugins.size(); i++) {
            out.add(started.get(i) != null ? inProcess.finish(started.get(i)) : measureAll(plugins.get(i),
                    contexts.get(i)));
        }
        return out;
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
        if (plugin.indicator() instanceof RemoteIndicator runner) {
            return remote.measureAll(plugin, runner, contexts);
        }
        return inProcess.measureAll(plugin, contexts);
    }

    /**
     * The plugin's own health check, run on a plugin thread and answered within the time limit: a check that throws,
     * returns null or does not answer in time is reported unhealthy with the reason. Never blocks the caller.
     */
    public CompletableFuture<Health> health(LoadedPlugin plugin) {
        return checks.health(plugin);
    }

    @Override
    public void close() {
        checks.close();
        inProcess.close();
    }
}
