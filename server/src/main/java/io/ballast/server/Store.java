package io.ballast.server;

import io.ballast.server.config.Startup;
import io.ballast.server.folder.OwnerOnly;
import io.ballast.server.ingest.Baseline;
import io.ballast.server.store.Database;
import io.ballast.server.store.DatabaseHealth;
import io.ballast.server.store.JdbcTarget;
import io.ballast.server.store.SeriesQueries;
import io.ballast.server.store.StoreWorkers;
import java.time.Duration;

/**
 * Start-up stage 1: the database (the embedded H2 file, or the PostgreSQL server {@code database.url} names; opened,
 * migrated, seeded with the bundled baseline when new), the worker pool every JDBC call runs on, the probe of the
 * database's health, and the cached series documents.
 */
record Store(Database database, StoreWorkers workers, SeriesQueries series, DatabaseHealth health) {

    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    /** Opens the database and seeds the bundled baseline into a new one; blocks, so it runs on a thread of its own. */
    static Database open(Startup config, StartupPhases phases) {
        JdbcTarget target = JdbcTarget.of(config.database(), config.data().dir());
        Database database = phases.time("database", () -> Database.open(target));
        try {
            if (config.database().embedded()) {
                // H2 creates its files with the process's umask (often 0644); the data folder is 0700, and so are they
                for (String name : new String[] {"ballast.mv.db", "ballast.trace.db"}) {
                    OwnerOnly.file(config.data().dir().resolve(name));
                }
            }
            if (config.data().baseline()) {
                phases.time("baseline", () -> {
                    Baseline.bundled().seed(database.observations(), database.events());
                    return null;
                });
            }
            return database;
        } catch (java.io.IOException e) {
            database.close();
            throw new java.io.UncheckedIOException("cannot make the database files owner-only", e);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The stage around an open database: as many workers as the pool has connections (a worker without one waits). */
    static Store of(Database database, Platform platform) {
        StoreWorkers workers = new StoreWorkers(platform.vertx(), database.poolSize());
        SeriesQueries series = new SeriesQueries(database.observations(), workers, platform.json(), platform.vertx());
        series.bindMetrics(platform.metrics().meters());
        DatabaseHealth health = DatabaseHealth.start(database, PROBE_INTERVAL);
        health.bindMetrics(platform.metrics().meters());
        return new Store(database, workers, series, health);
    }

    void close() {
        health.close();
        workers.close();
        database.close();
    }
}
