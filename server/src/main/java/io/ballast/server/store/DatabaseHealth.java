package io.ballast.server.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, probed on a thread of its own (a probe of a database that is down waits for the
 * pool's connect timeout) and read without waiting by {@code /health/ready} and the {@code ballast_database_up} gauge.
 * The probe borrows a pooled connection, so an UP after an outage also says the pool has replaced its dead ones.
 */
public final class DatabaseHealth implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseHealth.class);

    /** The last probe's answer: up, or down with the reason, and since when. */
    public record Status(boolean up, String reason, Instant since) {
    }

    private final Database database;
    private final ScheduledExecutorService probe;
    private volatile Status status = new Status(true, "", Instant.now());

    private DatabaseHealth(Database database) {
        this.database = database;
        this.probe = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ballast-db-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** Probes the database now and then every {@code interval}. */
    public static DatabaseHealth start(Database database, Duration interval) {
        DatabaseHealth health = new DatabaseHealth(database);
        health.probe.scheduleWithFixedDelay(health::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return health;
    }

    /** The last probe's answer. */
    public Status status() {
        return status;
    }

    /** Which database this is: {@code H2} or {@code POSTGRESQL}. */
    public String vendor() {
        return database.vendor();
    }

    /** Reports {@code ballast_database_up} (1 or 0), tagged with the vendor. */
    public void bindMetrics(MeterRegistry registry) {
        Gauge.builder("ballast.database.up", this, h -> h.status().up() ? 1 : 0)
                .description("Whether the database answered the last probe")
                .tag("vendor", database.vendor().toLowerCase(java.util.Locale.ROOT))
                .register(registry);
    }

    private void check() {
        Status before = status;
        try {
            database.ping();
            if (!before.up()) {
                LOG.info("The database answers again after {}", Duration.between(before.since(), Instant.now()));
                status = new Status(true, "", Instant.now());
            }
        } catch (RuntimeException e) {
            String reason = reason(e);
            if (before.up()) {
                LOG.warn("The database cannot be reached: {}", reason);
                status = new Status(false, reason, Instant.now());
            } else if (!before.reason().equals(reason)) {
                status = new Status(false, reason, before.since());
            }
        }
    }

    /** Whether a failure means the database cannot be reached, rather than that a statement was refused. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException e && e.getSQLState() != null
                    && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P"))) {
                return true; // connection exceptions; PostgreSQL's shutting down, or not accepting connections yet
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The most specific message of a failure: the innermost SQL exception's, when there is one. */
    static String reason(Throwable failure) {
        String reason = failure.getMessage();
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException && t.getMessage() != null) {
                reason = t.getMessage();
            }
        }
        return reason == null ? failure.getClass().getSimpleName() : reason;
    }

    @Override
    public void close() {
        probe.shutdownNow();
    }
}
