package io.ballast.server.score;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether scoring keeps up: every failure of a recompute or of publishing its results (any {@code Throwable}, out of
 * memory included) is counted and remembered until a later pass succeeds. Readiness reports it, and so do the metrics
 * {@code ballast_scoring_failures_total} and {@code ballast_scoring_healthy}.
 */
public final class ScoringStatus {

    /** The last failure: when, and what failed with which error. */
    public record Failure(Instant at, String what) {
    }

    private final AtomicLong failures = new AtomicLong();
    private volatile Failure last;
    private volatile boolean failing;

    void failed(String what, Throwable error) {
        failures.incrementAndGet();
        last = new Failure(Instant.now(), what + ": " + error);
        failing = true;
    }

    /** A pass ended without a failure: scoring is in step again. */
    void succeeded() {
        failing = false;
    }

    /** False from a failure until the next pass that succeeds. */
    public boolean healthy() {
        return !failing;
    }

    /** Failures since start-up. */
    public long failures() {
        return failures.get();
    }

    /** The last failure since start-up, if any. */
    public Optional<Failure> last() {
        return Optional.ofNullable(last);
    }

    /** Registers the failure counter and the health gauge. */
    public void bindMetrics(MeterRegistry registry) {
        FunctionCounter.builder("ballast.scoring.failures", failures, AtomicLong::get)
                .description("recomputes or publications of scores that failed").register(registry);
        Gauge.builder("ballast.scoring.healthy", () -> failing ? 0 : 1)
                .description("1 when the last scoring pass succeeded, 0 after a failure").register(registry);
    }
}
