package io.ballast.server;

import io.ballast.server.config.Startup;
import io.ballast.server.stream.ScoreEvents;
import io.ballast.server.stream.StreamGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Start-up stage 3: score events (numbered, framed once, published) and the gate that caps open streams. */
record Streams(ScoreEvents events, StreamGate gate) {

    private static final Logger LOG = LoggerFactory.getLogger(Streams.class);

    static Streams create(Platform platform, Startup config) {
        var gate = new StreamGate(cap(config.stream().maxConnections()));
        platform.metrics().gauge("ballast.streams.open", "open SSE streams", gate::open);
        // on a cluster the node keeps each region's recent events too: its streams start from them
        ScoreEvents events = platform.cluster().isPresent()
                ? new ScoreEvents(platform.vertx(), config.stream().replay()) : new ScoreEvents(platform.vertx());
        return new Streams(events, gate);
    }

    /**
     * The configured stream cap, lowered when it would not leave 1,000 file descriptors below the process's limit for
     * the database, plugin jars, other clients and the accept loop (a server past its limit fails in odd ways).
     */
    static int cap(int configured) {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long limit = unix.getMaxFileDescriptorCount();
            int safe = (int) Math.max(1, Math.min(Integer.MAX_VALUE, limit - 1000));
            if (configured > safe) {
                LOG.warn("stream.max-connections {} is too close to the open-files limit {}; using {}", configured,
                        limit, safe);
                return safe;
            }
        }
        return configured;
    }
}
