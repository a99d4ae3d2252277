package io.ballast.server;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * When each start-up phase began and how long it took, in milliseconds since the process started (the JVM's own
 * start included), for the one line logged at ready: {@code jvm=310@0 config=95@310 ...} ({@code name=ms@start}).
 * Phases on different threads overlap: the database opens while the platform and the plugins come up.
 */
public final class StartupPhases {

    /** One phase: its name, start and duration. */
    public record Phase(String name, long startMs, long ms) {
    }

    private final long originNanos;
    private final List<Phase> phases = new ArrayList<>();

    /**
     * Phases counted from the process's start, which happened {@code sinceProcessStartMs} before this call (the JVM's
     * own start-up, recorded as phase {@code jvm}).
     */
    public StartupPhases(long sinceProcessStartMs) {
        this.originNanos = System.nanoTime() - sinceProcessStartMs * 1_000_000;
        if (sinceProcessStartMs > 0) {
            phases.add(new Phase("jvm", 0, sinceProcessStartMs));
        }
    }

    /** Phases counted from now (a server started in a running JVM, as tests do). */
    public static StartupPhases fromNow() {
        return new StartupPhases(0);
    }

    /**
     * Milliseconds since the JVM started, as the JVM itself counts them. (The operating system's process start time
     * is no use here: on Linux it is derived from the boot time, which {@code /proc/stat} gives in whole seconds, so it
     * was off by up to a second.)
     */
    public static long sinceProcessStart() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /** Runs {@code work} as the phase {@code name}. */
    public <T> T time(String name, Supplier<T> work) {
        long start = now();
        try {
            return work.get();
        } finally {
            record(name, start);
        }
    }

    /** Records the phase {@code name} as begun at {@code startMs} (a value of {@link #now}) and ended now. */
    public void record(String name, long startMs) {
        long end = now();
        synchronized (phases) {
            phases.add(new Phase(name, startMs, end - startMs));
        }
    }

    /** Milliseconds since the process started. */
    public long now() {
        return (System.nanoTime() - originNanos) / 1_000_000;
    }

    /** The phases recorded so far, in the order they ended. */
    public List<Phase> all() {
        synchronized (phases) {
            return List.copyOf(phases);
        }
    }

    /** {@code name=ms@start} for each phase, space-separated. */
    public String line() {
        StringBuilder out = new StringBuilder();
        for (Phase p : all()) {
            out.append(out.length() == 0 ? "" : " ").append(p.name()).append('=').append(p.ms()).append('@')
                    .append(p.startMs());
        }
        return out.toString();
    }
}
