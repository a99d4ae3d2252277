package io.ballast.server.indicator;

import io.ballast.api.Indicator;
import io.ballast.api.IndicatorContext;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures a plugin in process: each batch runs on a thread of its own in the plugin's thread group, watched by the
 * caller, which gives up on the plugin as soon as one call overruns, throws or returns an invalid reading, or when
 * the plugin left threads of its own running. A thread given up on cannot be stopped in process: the plugin stays
 * failed while it runs.
 */
final class InProcessMeasurer {

    private final Duration limit;
    private final Measurer.Listener listener;
    private final FailureReporter failures;

    /** The thread of a call given up on, by plugin instance, while it may still run. */
    private final Map<Indicator, Thread> abandoned = new ConcurrentHashMap<>();
    /** The thread group of each plugin's calls: a thread left in it after a call is one the plugin started. */
    private final Map<Indicator, ThreadGroup> groups = Collections.synchronizedMap(new WeakHashMap<>());
    private final ThreadGroup callers = new ThreadGroup("ballast-plugins");
    private final AtomicLong counter = new AtomicLong();

    InProcessMeasurer(Duration limit, Measurer.Listener listener, FailureReporter failures) {
        this.limit = limit;
        this.listener = listener;
        this.failures = failures;
    }

    /** A batch started on its thread, to {@link #finish}; null fields when the plugin was not called. */
    record Started(LoadedPlugin plugin, int size, InProcessBatch batch, ThreadGroup group, Thread caller) {
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
            return new Started(plugin, contexts.size(), null, null, null);
        }
        ThreadGroup group = groups.computeIfAbsent(plugin.indicator(),
                k -> new ThreadGroup(callers, "ballast-plugin-" + plugin.id()));
        InProcessBatch batch = new InProcessBatch(plugin, contexts, listener);
        Thread caller = batch.start(group, "ballast-plugin-" + plugin.id() + "-" + counter.incrementAndGet());
        return new Started(plugin, contexts.size(), batch, group, caller);
    }

    /** Waits for a started batch as {@link #measureAll} does: its readings, the plugin failed if it misbehaved. */
    List<Measurement> finish(Started started) {
        if (started.batch() == null) {
            return InProcessBatch.none(started.size());
        }
        LoadedPlugin plugin = started.plugin();
        InProcessBatch batch = started.batch();
        try {
            return watch(plugin, batch, started.group(), started.caller(), started.size());
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
        Thread stuck = abandoned.get(plugin.indicator());
        if (stuck != null && stuck.isAlive()) {
            failures.failed(plugin, "its call abandoned earlier is still running (a thread cannot be stopped in "
                    + "process; plugins.isolation: process would have killed it)");
            return true;
        }
        abandoned.remove(plugin.indicator());
        return false;
    }

    /** Waits for the batch, polling for an overrun of the call in progress. */
    private List<Measurement> watch(LoadedPlugin plugin, InProcessBatch batch, ThreadGroup group, Thread caller,
                                    int size) throws ExecutionException, InterruptedException {
        long pollNanos = Math.max(1_000_000, limit.toNanos() / 4);
        while (true) {
            try {
                batch.await(pollNanos);
                return finished(plugin, batch, group, caller, size);
            } catch (TimeoutException e) {
                if (batch.overran(limit)) {
                    return giveUp(plugin, batch, caller);
                }
            }
        }
    }

    /** The batch's readings, or none when the plugin left threads running (it then fails). */
    private List<Measurement> finished(LoadedPlugin plugin, InProcessBatch batch, ThreadGroup group, Thread caller,
                                       int size) {
        int stray = strayThreads(group, caller);
        if (stray > 0) {
            failures.failed(plugin, "measure started " + stray + " thread(s) that are still running; a plugin "
                    + "must not start threads");
            group.interrupt(); // all that can be done in process; a runner would have been killed
            return InProcessBatch.none(size);
        }
        return batch.readings();
    }

    /** Abandons an overrunning batch, keeping the readings it had made, and fails the plugin. */
    private List<Measurement> giveUp(LoadedPlugin plugin, InProcessBatch batch, Thread caller) {
        batch.abandon();
        abandoned.put(plugin.indicator(), caller);
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

    /**
     * Threads in the plugin's group that are not the measurer's own callers (this batch's, or an earlier one's still
     * finishing): threads the plugin started.
     */
    private static int strayThreads(ThreadGroup group, Thread caller) {
        Thread[] all = new Thread[group.activeCount() + 16];
        int n = group.enumerate(all, true);
        int stray = 0;
        for (int i = 0; i < n; i++) {
            if (all[i] != caller && !(all[i] instanceof InProcessBatch.Caller) && all[i].isAlive()) {
                stray++;
            }
        }
        return stray;
    }
}
