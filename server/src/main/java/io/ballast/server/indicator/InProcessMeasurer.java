package io.ballast.server.indicator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures a plugin in process: each batch runs on a caller thread in the plugin's thread group, watched by the
 * caller, which gives up on the plugin as soon as one call overruns, throws or returns an invalid reading, or when
 * the plugin left threads of its own running. A call given up on cannot be stopped in process: the plugin stays
 * failed while it runs. Caller threads are kept per plugin for {@link #IDLE} after a batch (a change that reaches one
 * plugin call does not pay a thread start), one more for each batch of the plugin running at the same time.
 */
final class InProcessMeasurer {

    private final Duration limit;
    private final Measurer.Listener listener;
    private final FailureReporter failures;

    /** How long a plugin's caller thread waits for its next batch before it ends. */
    static final Duration IDLE = Duration.ofSeconds(30);

    /**
     * The batch given up on, by plugin instance, while its call may still run. Instances are told apart by identity,
     * whatever their {@code equals}, and held weakly: an unloaded plugin's entries go with it.
     */
    private final Cache<Indicator, InProcessBatch> abandoned = Caffeine.newBuilder().weakKeys().build();
    /** Each plugin's callers, by plugin instance (by identity, weakly). */
    private final Cache<Indicator, Lane> lanes = Caffeine.newBuilder().weakKeys().build();
    private final ThreadGroup callers = new ThreadGroup("ballast-plugins");
    private final AtomicLong counter = new AtomicLong();

    InProcessMeasurer(Duration limit, Measurer.Listener listener, FailureReporter failures) {
        this.limit = limit;
        this.listener = listener;
        this.failures = failures;
    }

    /**
     * A plugin's thread group, where a thread that is not one of its callers is one the plugin started, and its
     * callers: threads kept for {@link #IDLE}, as many as batches run at once.
     */
    private record Lane(ThreadGroup group, ThreadPoolExecutor callers) {
    }

    /** A batch started on its thread, to {@link #finish}; null fields when the plugin was not called. */
    record Started(LoadedPlugin plugin, int size, InProcessBatch batch, ThreadGroup group) {
    }

    List<Measurement> measureAll(LoadedPlugin plugin, List<? extends IndicatorContext> contexts) {
        return finish(start(plugin, contexts));
    }

    /**
     * Starts a batch on a thread of its own and returns at once, so that several plugins' batches can run at the same
     * time; each batch's calls keep their own time limit, whenever it is {@link #finish}ed.
     */
    Started start(LoadedPlugin plugin, List<? extends IndicatorContext> contexts) {
        if (stillRunning(plugin)) {
            return new Started(plugin, contexts.size(), null, null);
        }
        Lane lane = lanes.get(plugin.indicator(), k -> lane(plugin.id()));
        InProcessBatch batch = new InProcessBatch(plugin, contexts, listener);
        lane.callers().execute(batch.task());
        return new Started(plugin, contexts.size(), batch, lane.group());
    }

    private Lane lane(String id) {
        ThreadGroup group = new ThreadGroup(callers, "ballast-plugin-" + id);
        ThreadFactory factory = task -> {
            Thread caller = new InProcessBatch.Caller(group, task, "ballast-plugin-" + id + "-"
                    + counter.incrementAndGet());
            caller.setDaemon(true);
            return caller;
        };
        // once closed, a batch still asked for runs on a thread of its own, as every batch did before callers were kept
        return new Lane(group, new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE.toNanos(), TimeUnit.NANOSECONDS,
                new SynchronousQueue<>(), factory, (task, closed) -> factory.newThread(task).start()));
    }

    /** Ends every plugin's idle callers now; a call still running ends when it returns, a later batch on its own. */
    void close() {
        lanes.asMap().values().forEach(lane -> lane.callers().shutdown());
    }

    /** Waits for a started batch as {@link #measureAll} does: its readings, the plugin failed if it misbehaved. */
    List<Measurement> finish(Started started) {
        if (started.batch() == null) {
            return InProcessBatch.none(started.size());
        }
        LoadedPlugin plugin = started.plugin();
        InProcessBatch batch = started.batch();
        try {
            return watch(plugin, batch, started.group(), started.size());
        } catch (ExecutionException e) {
            reportThrown(plugin, batch, e.getCause());
        } catch (InterruptedException e) {
            batch.abandon();
            Thread.currentThread().interrupt();
        }
        return batch.readings();
    }

    /** Whether a call of the plugin given up on earlier still runs: then the plugin fails again, uncalled. */
    private boolean stillRunning(LoadedPlugin plugin) {
        InProcessBatch stuck = abandoned.getIfPresent(plugin.indicator());
        if (stuck != null && stuck.running()) {
            failures.failed(plugin, "its call abandoned earlier is still running (a thread cannot be stopped in "
                    + "process; plugins.isolation: process would have killed it)");
            return true;
        }
        abandoned.invalidate(plugin.indicator());
        return false;
    }

    /** Waits for the batch, polling for an overrun of the call in progress. */
    private List<Measurement> watch(LoadedPlugin plugin, InProcessBatch batch, ThreadGroup group, int size)
            throws ExecutionException, InterruptedException {
        long pollNanos = Math.max(1_000_000, limit.toNanos() / 4);
        while (true) {
            try {
                batch.await(pollNanos);
                return finished(plugin, batch, group, size);
            } catch (TimeoutException e) {
                if (batch.overran(limit)) {
                    return giveUp(plugin, batch);
                }
            }
        }
    }

    /** The batch's readings, or none when the plugin left threads running (it then fails). */
    private List<Measurement> finished(LoadedPlugin plugin, InProcessBatch batch, ThreadGroup group, int size) {
        int stray = strayThreads(group);
        if (stray > 0) {
            failures.failed(plugin, "measure started " + stray + " thread(s) that are still running; a plugin "
                    + "must not start threads");
            group.interrupt(); // all that can be done in process; a runner would have been killed
            return InProcessBatch.none(size);
        }
        return batch.readings();
    }

    /** Abandons an overrunning batch, keeping the readings it had made, and fails the plugin. */
    private List<Measurement> giveUp(LoadedPlugin plugin, InProcessBatch batch) {
        batch.abandon();
        abandoned.put(plugin.indicator(), batch);
        List<Measurement> sofar = batch.readings();
        failures.failed(plugin, "measure took longer than " + limit.toMillis() + " ms for " + batch.where());
        return sofar;
    }

    private void reportThrown(LoadedPlugin plugin, InProcessBatch batch, Throwable cause) {
        String where = batch.where();
        if (cause instanceof InProcessBatch.InvalidAnswer invalid) {
            failures.failed(plugin, invalid.getMessage() + " for " + where);
        } else {
            String kind = cause instanceof IllegalArgumentException ? "returned an invalid reading" : "threw";
            failures.failed(plugin, "measure " + kind + " for " + where + ": " + cause);
        }
    }

    /** Threads in the plugin's group that are not the measurer's own callers: threads the plugin started. */
    private static int strayThreads(ThreadGroup group) {
        Thread[] all = new Thread[group.activeCount() + 16];
        int n = group.enumerate(all, true);
        int stray = 0;
        for (int i = 0; i < n; i++) {
            if (!(all[i] instanceof InProcessBatch.Caller) && all[i].isAlive()) {
                stray++;
            }
        }
        return stray;
    }
}
