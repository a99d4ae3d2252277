package io.ballast.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import java.util.HashMap;
import java.util.Map;

/**
 * Watches the connections of one HTTP verticle, on its event loop (so with no locks): refuses a connection beyond its
 * address's cap, and closes one that has not sent a complete request's headers within the header timeout of opening
 * or of its previous answer ending (keep-alive). A connection with a request in progress (a stream, a slow body) is
 * left to the idle timeout. The deadline is checked lazily: a connection's one timer fires at the earliest moment it
 * could have passed and looks again, so a busy keep-alive connection costs no timer per request.
 */
final class ConnectionGuard {

    /**
     * One connection: where from, how many of its requests are in progress, since when it has had none (nanoTime),
     * its header deadline's timer.
     */
    private static final class State {
        final String address;
        int active;
        long idleSince = System.nanoTime();
        long timer = -1;

        State(String address) {
            this.address = address;
        }
    }

    private final Vertx vertx;
    private final ConnectionLimits limits;
    private final Map<HttpConnection, State> states = new HashMap<>();

    ConnectionGuard(Vertx vertx, ConnectionLimits limits) {
        this.vertx = vertx;
        this.limits = limits;
    }

    /** A connection opened: counted against its address, closed at once when that address holds its cap. */
    void connected(HttpConnection connection) {
        String address = connection.remoteAddress() == null ? "unknown" : connection.remoteAddress().hostAddress();
        if (!limits.tryOpen(address)) {
            connection.close();
            return;
        }
        State state = new State(address);
        states.put(connection, state);
        connection.closeHandler(v -> {
            State gone = states.remove(connection);
            if (gone != null) {
                cancel(gone);
                limits.closed(gone.address);
            }
        });
        arm(connection, state, limits.headerTimeoutMs());
    }

    /** A request's headers arrived: the deadline is met (the timer, when it fires, finds the request active). */
    void begun(HttpConnection connection) {
        State state = states.get(connection);
        if (state != null) {
            state.active++;
        }
    }

    /** A request's answer ended (or its connection closed): the next request's headers are due in time. */
    void ended(HttpConnection connection) {
        State state = states.get(connection);
        if (state != null && state.active > 0 && --state.active == 0) {
            state.idleSince = System.nanoTime();
            if (state.timer < 0) {
                arm(connection, state, limits.headerTimeoutMs());
            }
        }
    }

    private void arm(HttpConnection connection, State state, long delayMs) {
        state.timer = vertx.setTimer(Math.max(1, delayMs), id -> {
            state.timer = -1;
            if (state.active > 0 || states.get(connection) != state) {
                return; // a request is in progress (its end arms the timer again), or the connection is gone
            }
            long idleMs = (System.nanoTime() - state.idleSince) / 1_000_000;
            if (idleMs >= limits.headerTimeoutMs()) {
                limits.timedOut();
                connection.close();
            } else {
                arm(connection, state, limits.headerTimeoutMs() - idleMs);
            }
        });
    }

    private void cancel(State state) {
        if (state.timer >= 0) {
            vertx.cancelTimer(state.timer);
            state.timer = -1;
        }
    }
}
