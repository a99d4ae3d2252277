package io.ballast.server.outbound;

import java.time.Duration;

/**
 * How a failed outbound call is tried again: up to {@code retries} more times, waiting {@code firstBackoff} before the
 * first retry and twice as long before each next one, never longer than {@code maxBackoff}.
 */
public record RetryPolicy(int retries, Duration firstBackoff, Duration maxBackoff) {

    /** The longest wait between two attempts unless a policy says otherwise. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    public RetryPolicy {
        if (retries < 0 || firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("retries " + retries + ", backoff " + firstBackoff + " to "
                    + maxBackoff);
        }
    }

    /** {@code retries} retries, the first after {@code firstBackoffMs}, doubling up to a minute. */
    public static RetryPolicy doubling(int retries, long firstBackoffMs) {
        Duration first = Duration.ofMillis(firstBackoffMs);
        return new RetryPolicy(retries, first, first.compareTo(MAX_BACKOFF) > 0 ? first : MAX_BACKOFF);
    }

    /** The wait before retry number {@code retry} (1 for the first). */
    public Duration before(int retry) {
        long ms = firstBackoff.toMillis() << Math.min(Math.max(0, retry - 1), 30);
        return ms < 0 || ms > maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(ms);
    }
}
