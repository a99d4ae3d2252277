package io.ballast.server;

import io.ballast.server.config.Startup;
import io.ballast.server.folder.OwnerOnly;
import io.ballast.server.ingest.Baseline;
import io.ballast.server.store.Database;
import io.ballast.server.store.SeriesQueries;
import io.ballast.server.store.StoreWorkers;

/**
 * Start-up stage 1: the database (opened, migrated, seeded with the bundled baseline when new), the worker pool every
 * JDBC call runs on, and the cached series documents.
 */
record Store(Database database, StoreWorkers workers, SeriesQueries series) {

    /** Opens the database and seeds the bundled baseline into a new one; blocks, so it runs on a thread of its own. */
    static Database open(Startup config, StartupPhases phases) {
        Database database = phases.time("database", () -> Database.open(config.data().dir()));
        try {
            // H2 creates its files with the process's umask (often 0644); the data folder is 0700, and so are they
            for (String name : new String[] {"ballast.mv.db", "ballast.trace.db"}) {
                OwnerOnly.file(config.data().dir().resolve(name));
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

    static Store of(Database database, Platform platform) {
        StoreWorkers workers = new StoreWorkers(platform.vertx(), 8);
        SeriesQueries series = new SeriesQueries(database.observations(), workers, platform.json(), platform.vertx());
        series.bindMetrics(platform.metrics().meters());
        return new Store(database, workers, series);
    }

    void close() {
        workers.close();
        database.close();
    }
}
