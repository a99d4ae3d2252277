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

    private volatile boolean closed;

    /**
     * Runs blocking work on the pool, unordered: independent calls run in parallel. Once the pool is closed (the
     * server is stopping) the answer is a failed future, never an exception thrown into a timer or a handler. A call
     * that failed because the database cannot be reached fails with {@link DatabaseUnavailableException}.
     */
    public <T> Future<T> run(Callable<T> work) {
        if (closed) {
            return Future.failedFuture(new IllegalStateException("the server is stopping"));
        }
        try {
            return executor.<T>executeBlocking(work, false).recover(e -> Future.failedFuture(
                    DatabaseHealth.isOutage(e) ? new DatabaseUnavailableException(e) : e));
        } catch (IllegalStateException e) { // closed between the check and the call
            return Future.failedFuture(new IllegalStateException("the server is stopping", e));
        }
    }

    @Override
    public void close() {
        closed = true;
        executor.close();
    }
}
