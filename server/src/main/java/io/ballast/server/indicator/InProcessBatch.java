package io.ballast.server.indicator;

import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorReading;
import io.ballast.api.MissingDataException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One batch of an in-process plugin's measure calls, run one after the other on a {@link Caller} thread of the
 * measurer's: keeps each call's reading, which call is in progress and since when, so the watching thread can tell an
 * overrun; once abandoned, answers still arriving are dropped and the calls not reached are not made.
 */
final class InProcessBatch {

    private final LoadedPlugin plugin;
    private final List<? extends IndicatorContext> contexts;
    private final AtomicReferenceArray<Measurement> readings;
    private final AtomicLong callStarted = new AtomicLong(System.nanoTime());
    private final AtomicInteger current = new AtomicInteger();
    private final AtomicBoolean abandoned = new AtomicBoolean();
    /**
     * While the batch's thread runs it, until the plugin returns from its last call (abandoned or not); a batch
     * abandoned before its thread took it makes no call.
     */
    private final AtomicBoolean running = new AtomicBoolean();
    private final FutureTask<Void> task;

    InProcessBatch(LoadedPlugin plugin, List<? extends IndicatorContext> contexts, Measurer.Listener listener) {
        this.plugin = plugin;
        this.contexts = contexts;
        this.readings = new AtomicReferenceArray<>(contexts.size());
        this.task = new FutureTask<>(() -> {
            running.set(true);
            try {
                for (int i = 0; i < contexts.size() && !abandoned.get(); i++) {
                    call(plugin, i, listener);
                }
                return null;
            } finally {
                running.set(false);
            }
        });
    }

    private void call(LoadedPlugin plugin, int i, Measurer.Listener listener) {
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

    /** The batch's calls, to run once on a {@link Caller} thread. */
    Runnable task() {
        return task;
    }

    /** Whether the batch's thread may still be in a call of the plugin. */
    boolean running() {
        return running.get();
    }

    /** Waits for the whole batch at most {@code nanos}; rethrows what a call threw as the cause. */
    void await(long nanos) throws InterruptedException, ExecutionException, TimeoutException {
        task.get(nanos, TimeUnit.NANOSECONDS);
    }

    /** Whether the call in progress has been running longer than {@code limit}. */
    boolean overran(Duration limit) {
        return System.nanoTime() - callStarted.get() > limit.toNanos();
    }

    /** Gives up on the batch: the plugin thread may still finish its call, but its answer is dropped. */
    void abandon() {
        abandoned.set(true);
        task.cancel(true);
    }

    /** Where the call in progress (or the last one) is, for a cause. */
    String where() {
        return FailureReporter.where(contexts.get(current.get()));
    }

    /** The readings so far, one per context: {@link Measurement#NONE} for calls not made or failed. */
    List<Measurement> readings() {
        List<Measurement> out = new ArrayList<>(readings.length());
        for (int i = 0; i < readings.length(); i++) {
            Measurement m = readings.get(i);
            out.add(m == null ? Measurement.NONE : m);
        }
        return out;
    }

    /** No reading for any of {@code size} contexts. */
    static List<Measurement> none(int size) {
        List<Measurement> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(Measurement.NONE);
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

    /** A thread the measurer started to run a batch; threads a plugin starts are plain threads. */
    static final class Caller extends Thread {
        Caller(ThreadGroup group, Runnable task, String name) {
            super(group, task, name);
        }
    }

    /** A plugin answered something that is not a reading. */
    static final class InvalidAnswer extends RuntimeException {
        InvalidAnswer(String message) {
            super(message, null, false, false);
        }
    }
}
