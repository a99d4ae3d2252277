package io.ballast.server.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

/** The worker pool that runs database calls, so that no JDBC ever runs on an event loop. */
public final class StoreWorkers implements AutoCloseable {

    private final WorkerExecutor executor;

    public StoreWorkers(Vertx vertx, int size) {
        this.executor = vertx.createSharedWorkerExecutor("ballast-db", size);
    }

    /** Runs blocking work on the pool, unordered: independent calls run in parallel. */
    public <T> Future<T> run(Callable<T> work) {
        return executor.executeBlocking(work, false);
    }

    @Override
    public void close() {
        executor.close();
    }
}
