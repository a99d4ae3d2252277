package io.ballast.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open connections of each client address, across every HTTP verticle, capped so that one client cannot take the
 * process's file descriptors; and the counters of connections closed for holding too much.
 */
public final class ConnectionLimits {

    private final int perAddress;
    private final long headerTimeoutMs;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final Counter overCap;
    private final Counter slow;

    /** At most {@code perAddress} connections per address; headers due {@code headerTimeoutMs} after they may start. */
    public ConnectionLimits(int perAddress, long headerTimeoutMs, MeterRegistry registry) {
        this.perAddress = perAddress;
        this.headerTimeoutMs = headerTimeoutMs;
        this.overCap = refused(registry, "per-address-cap");
        this.slow = refused(registry, "header-timeout");
    }

    private static Counter refused(MeterRegistry registry, String reason) {
        return Counter.builder("ballast.http.connections.closed").tag("reason", reason)
                .description("connections the server closed for holding too much").register(registry);
    }

    /** Takes a place for a new connection from {@code address}, or answers false (and counts it) when it has none. */
    boolean tryOpen(String address) {
        AtomicInteger count = open.computeIfAbsent(address, a -> new AtomicInteger());
        if (count.incrementAndGet() > perAddress) {
            closed(address);
            overCap.increment();
            return false;
        }
        return true;
    }

    /** Gives back the place of a closed connection from {@code address}. */
    void closed(String address) {
        open.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** Counts a connection closed because its request headers did not arrive in time. */
    void timedOut() {
        slow.increment();
    }

    long headerTimeoutMs() {
        return headerTimeoutMs;
    }

    /** Connections open from {@code address} now. */
    int open(String address) {
        AtomicInteger count = open.get(address);
        return count == null ? 0 : count.get();
    }
}
