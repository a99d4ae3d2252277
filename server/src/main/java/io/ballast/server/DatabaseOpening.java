package io.ballast.server;

import io.ballast.server.config.Startup;
import io.ballast.server.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * When the database opens. It takes the longest of a start (Micronaut's context, Flyway, seeding the baseline), so it
 * opens on a thread of its own ({@code ballast-open}) while Vert.x and the plugins come up. But when a score snapshot
 * will likely be served, the start needs no database to be ready, and opening it meanwhile would only compete with
 * the start for the cores: then it opens once the server serves, or as soon as the snapshot turns out not to match.
 */
final class DatabaseOpening {

    private final CompletableFuture<Void> go = new CompletableFuture<>();
    private final CompletableFuture<Database> opening;

    /** Opens {@code config}'s database at once, or after the start when {@code likely} (a snapshot) says so. */
    DatabaseOpening(Startup config, StartupPhases phases, CompletableFuture<Boolean> likely) {
        opening = go.thenApplyAsync(v -> Store.open(config, phases),
                command -> new Thread(command, "ballast-open").start());
        likely.thenAccept(served -> {
            if (!served) {
                now();
            }
        });
    }

    /** Opens it now, if it has not begun to. */
    void now() {
        go.complete(null);
    }

    /** The start failed: it never opens if it has not begun to (whoever took it from {@link #opened} closes it). */
    void never(Throwable cause) {
        go.completeExceptionally(cause);
    }

    /** The start failed before anyone took it: it never opens, or closes once it has. */
    void abandon(Throwable cause) {
        never(cause);
        opening.thenAccept(Database::close);
    }

    /** The open database, on a context of {@code vertx}; failed with what stopped it opening. */
    Future<Database> opened(Vertx vertx) {
        return Future.fromCompletionStage(opening, vertx.getOrCreateContext())
                .recover(e -> Future.failedFuture(e instanceof CompletionException && e.getCause() != null
                        ? e.getCause() : e));
    }
}
