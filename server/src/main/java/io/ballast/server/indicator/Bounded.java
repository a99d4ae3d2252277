package io.ballast.server.indicator;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One plugin lifecycle call ({@code descriptor()}, {@code close()}) on a daemon thread of its own, waited on for at
 * most a limit: a call that loops or blocks is left behind (interrupted, but a thread cannot be stopped in process)
 * instead of holding up the folder scanner or shutdown. What the call throws, {@code Error}s included, is rethrown.
 */
final class Bounded {

    private static final AtomicLong COUNTER = new AtomicLong();

    private Bounded() {
    }

    /** The call did not return within its limit. */
    static final class Overran extends Exception {
        Overran() {
            super(null, null, false, false);
        }
    }

    static <T> T call(Callable<T> task, Duration limit, String what) throws Throwable {
        FutureTask<T> future = new FutureTask<>(task);
        Thread t = new Thread(future, "ballast-plugin-" + what + "-" + COUNTER.incrementAndGet());
        t.setDaemon(true);
        t.start();
        try {
            return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new Overran();
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }
}
