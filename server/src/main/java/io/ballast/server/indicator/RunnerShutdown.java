package io.ballast.server.indicator;

import java.util.ArrayList;
import java.util.List;

/**
 * Stops plugin runners at shutdown: all are asked to close at once, and those that have not exited within
 * {@link IsolatedJar#CLOSE_LIMIT} (a runner busy with a call is killed without being asked) are killed.
 */
final class RunnerShutdown {

    private RunnerShutdown() {
    }

    /** Stops every runner, waiting at most a little over {@link IsolatedJar#CLOSE_LIMIT} in all. */
    static void stopAll(List<IsolatedJar> runners) {
        List<Thread> stopping = new ArrayList<>();
        for (IsolatedJar runner : runners) {
            Thread t = new Thread(runner::stop, "ballast-runner-stop");
            t.setDaemon(true);
            t.start();
            stopping.add(t);
        }
        long deadline = System.nanoTime() + IsolatedJar.CLOSE_LIMIT.plusSeconds(1).toNanos();
        for (Thread t : stopping) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        runners.forEach(r -> r.kill("the server is shutting down"));
    }
}
