package io.ballast.server.indicator;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one thread a plugin runner JVM runs plugin code on, in a thread group of its own, so that threads the plugin
 * starts and leaves running can be counted.
 */
final class RunnerPluginThread {

    private final ThreadGroup pluginThreads = new ThreadGroup("ballast-plugin");
    private final ExecutorService call = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(pluginThreads, r, "ballast-plugin-call");
        t.setDaemon(true);
        return t;
    });
    private volatile Thread callThread;

    /** Runs plugin code on the plugin thread; what it throws is rethrown as is. */
    <T> T run(Callable<T> task) throws Throwable {
        try {
            return call.submit(() -> {
                callThread = Thread.currentThread();
                return task.call();
            }).get();
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    /** Threads in the plugin's group other than the call thread: threads the plugin started and left running. */
    int strayThreads() {
        Thread[] all = new Thread[pluginThreads.activeCount() + 16];
        int n = pluginThreads.enumerate(all, true);
        int stray = 0;
        for (int i = 0; i < n; i++) {
            if (all[i] != callThread && all[i].isAlive()) {
                stray++;
            }
        }
        return stray;
    }
}
