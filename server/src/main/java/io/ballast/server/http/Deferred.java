package io.ballast.server.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Handlers that need the database, which may still be opening when the server already answers reads (a start from a
 * panel snapshot, docs/architecture.md): a request for them waits until the database is open and the handlers are
 * made, then goes on, on its own event loop. If the database never opens, it is answered 503. Request bodies are
 * read before (the body handler runs first), so nothing is lost while waiting.
 */
public final class Deferred<T> {

    private final Future<T> value;

    /** Handlers available once {@code value} completes. */
    public Deferred(Future<T> value) {
        this.value = value;
    }

    /** Handlers available now. */
    public static <T> Deferred<T> of(T value) {
        return new Deferred<>(Future.succeededFuture(value));
    }

    /** The handlers, when they are made. */
    public Optional<T> now() {
        return value.succeeded() ? Optional.of(value.result()) : Optional.empty();
    }

    /** Why they will never be made, once that is known. */
    public Optional<Throwable> failure() {
        return value.failed() ? Optional.of(value.cause()) : Optional.empty();
    }

    /** A route handler that runs {@code pick}'s handler once the handlers are made. */
    public Handler<RoutingContext> handler(Function<T, Handler<RoutingContext>> pick) {
        return ctx -> {
            if (value.succeeded()) {
                pick.apply(value.result()).handle(ctx);
                return;
            }
            Context context = Vertx.currentContext();
            value.onComplete(done -> context.runOnContext(v -> {
                if (ctx.response().closed() || ctx.response().ended()) {
                    return; // the client gave up while waiting
                }
                if (done.succeeded()) {
                    pick.apply(done.result()).handle(ctx);
                } else {
                    ctx.fail(new Problem(503, "Service unavailable", "The database could not be opened, so this "
                            + "request cannot be served; /health/ready says why.", Map.of()));
                }
            }));
        };
    }
}
