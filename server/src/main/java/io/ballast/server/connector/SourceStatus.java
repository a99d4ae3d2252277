package io.ballast.server.connector;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** When each pull source (the World Bank connector, the inbox) last ran, last succeeded, and why it last failed. */
public final class SourceStatus {

    /** One source's latest news. */
    public record Status(Instant lastAttempt, Optional<Instant> lastSuccess, Optional<String> lastError) {
    }

    private final Map<String, Status> sources = new ConcurrentHashMap<>();

    /** Records a successful run. */
    public void succeeded(String source) {
        Instant now = Instant.now();
        sources.put(source, new Status(now, Optional.of(now), Optional.empty()));
    }

    /** Records a failed run; the last success stays. */
    public void failed(String source, String error) {
        sources.compute(source, (k, old) -> new Status(Instant.now(),
                old == null ? Optional.empty() : old.lastSuccess(), Optional.of(error)));
    }

    /** Every source that ran, by name. */
    public Map<String, Status> all() {
        return new LinkedHashMap<>(new java.util.TreeMap<>(sources));
    }
}
