package io.ballast.server.connector;

import java.time.Duration;
import java.util.List;

/**
 * What one connector run did, per (indicator, region) pair: replaced by a new vintage, skipped as unchanged or older,
 * empty at the source, or failed (each failure a line saying why). {@code offline} holds the reason when the source
 * could not be reached and the run stopped early, keeping the stored data; it is null otherwise.
 */
public record RunReport(int pairs, int updated, int unchanged, int older, int empty, int observations,
                        List<String> failures, String offline, Duration took) {

    public RunReport {
        failures = List.copyOf(failures);
    }

    /** One line for the log. */
    public String summary() {
        return pairs + " series: " + updated + " updated, " + unchanged + " unchanged, " + older + " older, " + empty
                + " empty, " + failures.size() + " failed; " + observations + " observations stored in "
                + took.toMillis() + " ms";
    }
}
