package io.ballast.server.store;

import java.util.List;

/**
 * What differs between the two databases Ballast runs on, chosen once from the JDBC URL when the database opens: the
 * driver, Flyway's vendor folder, the upserts (H2's {@code MERGE … KEY}, PostgreSQL's {@code INSERT … ON CONFLICT}),
 * what each pooled connection is set up with, and which other vendors' JDBC drivers are kept out of sight.
 */
enum SqlDialect {

    /** The embedded file: writers wait up to a minute for a row lock (H2's default is one second). */
    H2("org.h2.Driver", "H2", "h2",
            "MERGE INTO score (region, indicator, period, score, coverage, detail, computed_at) "
                    + "KEY (region, indicator, period) VALUES (?, ?, ?, ?, ?, ?, ?)",
            "MERGE INTO series_vintage (series_code, region, vintage, origin, updated_at) "
                    + "KEY (series_code, region) VALUES (?, ?, ?, ?, ?)",
            "SET LOCK_TIMEOUT 60000",
            "",
            List.of("org.postgresql.")),

    /** A PostgreSQL server, possibly shared by several Ballast nodes. */
    POSTGRESQL("org.postgresql.Driver", "POSTGRES", "postgresql",
            "INSERT INTO score (region, indicator, period, score, coverage, detail, computed_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (region, indicator, period) DO UPDATE SET "
                    + "score = EXCLUDED.score, coverage = EXCLUDED.coverage, detail = EXCLUDED.detail, "
                    + "computed_at = EXCLUDED.computed_at",
            "INSERT INTO series_vintage (series_code, region, vintage, origin, updated_at) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (series_code, region) DO UPDATE SET vintage = EXCLUDED.vintage, "
                    + "origin = EXCLUDED.origin, updated_at = EXCLUDED.updated_at",
            "SET lock_timeout = '60s'",
            "; check database.url, database.user and database.password (or password-file) in the configuration, "
                    + "and that the server accepts connections from this host",
            List.of());

    private final String driver;
    private final String micronautDialect;
    private final String vendorFolder;
    private final String scoreUpsert;
    private final String vintageUpsert;
    private final String connectionSetup;
    private final String openHint;
    private final List<String> hiddenProviders;

    SqlDialect(String driver, String micronautDialect, String vendorFolder, String scoreUpsert, String vintageUpsert,
               String connectionSetup, String openHint, List<String> hiddenProviders) {
        this.driver = driver;
        this.micronautDialect = micronautDialect;
        this.vendorFolder = vendorFolder;
        this.scoreUpsert = scoreUpsert;
        this.vintageUpsert = vintageUpsert;
        this.connectionSetup = connectionSetup;
        this.openHint = openHint;
        this.hiddenProviders = hiddenProviders;
    }

    /** The dialect of a JDBC URL: {@code jdbc:postgresql:} or {@code jdbc:h2:}. */
    static SqlDialect of(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new IllegalArgumentException("database.url: a jdbc:postgresql:// or jdbc:h2: URL, not '" + url + "'");
    }

    /** The JDBC driver's class name. */
    String driver() {
        return driver;
    }

    /** The name of Micronaut Data's dialect, for the repositories' queries. */
    String micronautDialect() {
        return micronautDialect;
    }

    /** Flyway's locations: the migrations both share, then this vendor's own (only where the SQL must differ). */
    String[] migrations() {
        return new String[] {"classpath:db/migration", "classpath:db/vendor/" + vendorFolder};
    }

    /** Inserts or replaces one score: region, indicator, period, score, coverage, detail, computed_at. */
    String scoreUpsert() {
        return scoreUpsert;
    }

    /** Inserts or replaces a (series, region) vintage: series_code, region, vintage, origin, updated_at. */
    String vintageUpsert() {
        return vintageUpsert;
    }

    /** Run on every new pooled connection. */
    String connectionSetup() {
        return connectionSetup;
    }

    /** What to check when the database cannot be opened, appended to the error. */
    String openHint() {
        return openHint;
    }

    /** Class-name prefixes of JDBC drivers this dialect never needs loaded. */
    List<String> hiddenProviders() {
        return hiddenProviders;
    }
}
