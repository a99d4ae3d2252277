package io.ballast.server.store;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import org.flywaydb.core.Flyway;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The database: the embedded H2 file under the data directory, or a PostgreSQL server several nodes share, reached
 * through a programmatically started Micronaut context (repositories, connection pool, Flyway migrations). The
 * {@link SqlDialect} chosen from the URL holds what differs. Every method here blocks: call it from a worker thread.
 */
public final class Database implements AutoCloseable {

    private final ApplicationContext context;
    private final SqlDialect dialect;
    private final int poolSize;
    private final ObservationStore observations;
    private final ScoreStore scores;
    private final EventStore events;
    private final TransactionOperations<Connection> tx;
    private final JdbcOperations jdbc;

    private Database(ApplicationContext context, SqlDialect dialect, int poolSize) {
        this.context = context;
        this.dialect = dialect;
        this.poolSize = poolSize;
        this.tx = context.getBean(Argument.of(TransactionOperations.class, Connection.class));
        this.jdbc = context.getBean(JdbcOperations.class);
        WriterLocks locks = new WriterLocks(jdbc);
        this.observations = new ObservationStore(tx, jdbc, locks, dialect,
                context.getBean(ObservationRepository.class), context.getBean(SeriesRepository.class),
                context.getBean(MetaRepository.class));
        this.scores = new ScoreStore(tx, jdbc, locks, dialect, context.getBean(ScoreRepository.class));
        this.events = new EventStore(tx, jdbc, locks);
    }

    /** Opens (creating and migrating when new) the database file {@code <dataDir>/ballast.mv.db}. */
    public static Database open(Path dataDir) {
        return open(JdbcTarget.embedded(dataDir));
    }

    /** Opens a database by JDBC URL ({@code jdbc:h2:} or {@code jdbc:postgresql:}) with the default pool. */
    public static Database open(String url, String user, String password) {
        return open(JdbcTarget.of(url, user, password));
    }

    /**
     * Opens the database a target names, in its dialect. Flyway migrates the schema on its own connection while the
     * Micronaut context (bean definitions, connection pool) starts on the calling thread: both are mostly class
     * loading, and on two cores they need not wait for each other. A connection held open across both keeps an
     * in-memory database alive between Flyway's connection and the pool's, and is where a database that cannot be
     * reached is reported. Only the dialect's own driver and Flyway module are loaded ({@link VendorClassLoader}).
     */
    public static Database open(JdbcTarget target) {
        SqlDialect dialect = SqlDialect.of(target.url());
        return VendorClassLoader.with(dialect, () -> open(target, dialect));
    }

    private static Database open(JdbcTarget target, SqlDialect dialect) {
        try {
            Class.forName(dialect.driver()); // registers it, though DriverManager may have looked before it was needed
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the JDBC driver " + dialect.driver() + " is not on the class path", e);
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (Connection keepAlive = DriverManager.getConnection(target.url(), target.user(), target.password())) {
            CompletableFuture<Void> migration = CompletableFuture.runAsync(() -> Flyway.configure(loader)
                    .dataSource(target.url(), target.user(), target.password())
                    .locations(dialect.migrations())
                    .load()
                    .migrate(), command -> new Thread(command, "ballast-migrate").start());
            // Only the properties given here: no environment variables, system properties, application.yml or cloud
            // probing. They would let a stray DATASOURCES_DEFAULT_URL override Ballast's own configuration, and
            // looking for them was a tenth of the context's start-up (docs/performance.md).
            ApplicationContext context = ApplicationContext.builder()
                    .deduceEnvironment(false)
                    .deduceCloudEnvironment(false)
                    .bootstrapEnvironment(false)
                    .enableDefaultPropertySources(false)
                    .environmentPropertySource(false)
                    .banner(false)
                    .properties(pool(target, dialect))
                    .start();
            try {
                migration.join();
                return new Database(context, dialect, target.poolSize());
            } catch (RuntimeException e) {
                context.close();
                throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the database " + target.url() + ": " + e.getMessage()
                    + dialect.openHint(), e);
        }
    }

    /** The Micronaut data source: Hikari sized and timed as configured, each connection set up for the dialect. */
    private static Map<String, Object> pool(JdbcTarget target, SqlDialect dialect) {
        Map<String, Object> p = new HashMap<>();
        p.put("datasources.default.url", target.url());
        p.put("datasources.default.username", target.user());
        p.put("datasources.default.password", target.password());
        p.put("datasources.default.driver-class-name", dialect.driver());
        p.put("datasources.default.dialect", dialect.micronautDialect());
        p.put("datasources.default.maximum-pool-size", target.poolSize());
        p.put("datasources.default.connection-timeout", target.connectTimeoutMs());
        p.put("datasources.default.connection-init-sql", dialect.connectionSetup());
        p.put("datasources.default.pool-name", "ballast-db");
        return p;
    }

    /** How many connections the pool may hold. */
    public int poolSize() {
        return poolSize;
    }

    /** Which database this is: {@code H2} or {@code POSTGRESQL}. */
    public String vendor() {
        return dialect.name();
    }

    /** Observations and series metadata. */
    public ObservationStore observations() {
        return observations;
    }

    /** Export-control events. */
    public EventStore events() {
        return events;
    }

    /** Computed scores. */
    public ScoreStore scores() {
        return scores;
    }

    /** Runs a trivial query; throws when the database cannot answer. */
    public void ping() {
        tx.executeRead(status -> jdbc.prepareStatement("SELECT 1", ps -> ps.executeQuery().next()));
    }

    @Override
    public void close() {
        context.close();
    }
}
