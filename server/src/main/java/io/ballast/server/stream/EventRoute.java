package io.ballast.server.stream;

import java.util.function.LongFunction;

/**
 * How {@link ScoreEvents} numbers its events and gets them to the streams: on one node a counter of the process and
 * straight to its streams; on a cluster a counter shared by every node and through the clustered event bus, so that
 * every node's streams get every event, with the same id, in id order.
 */
public interface EventRoute {

    /** The greatest id this node knows of. */
    long current();

    /**
     * Numbers an event with the next id (greater than every id handed out before; cluster-wide on a cluster) and
     * sends it on its way: it comes back to {@link ScoreEvents#deliver} on every node. Never blocks.
     */
    void send(boolean snapshot, LongFunction<ScoreEvent> numbered);

    /** Whether a region's new document is kept off the streams (a node joining keeps the cluster's). */
    default boolean quiet(String region) {
        return false;
    }
}
