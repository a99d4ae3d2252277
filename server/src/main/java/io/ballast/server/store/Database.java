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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The embedded H2 database under the data directory, reached through a programmatically started Micronaut context
 * (repositories, connection pool, Flyway migrations). Every method here blocks: call it from a worker thread.
 */
public final class Database implements AutoCloseable {

    private final ApplicationContext context;
    private final ObservationStore observations;
    private final ScoreStore scores;
    private final EventStore events;
    private final TransactionOperations<Connection> tx;
    private final JdbcOperations jdbc;

    private Database(ApplicationContext context) {
        this.context = context;
        this.tx = context.getBean(Argument.of(TransactionOperations.class, Connection.class));
        this.jdbc = context.getBean(JdbcOperations.class);
        this.observations = new ObservationStore(tx, jdbc, context.getBean(ObservationRepository.class),
                context.getBean(SeriesRepository.class), context.getBean(MetaRepository.class));
        this.scores = new ScoreStore(tx, jdbc, context.getBean(ScoreRepository.class));
        this.events = new EventStore(tx, jdbc);
    }

    /** Opens (creating and migrating when new) the database file {@code <dataDir>/ballast.mv.db}. */
    public static Database open(Path dataDir) {
        String file = dataDir.toAbsolutePath().resolve("ballast").toString();
        // WRITE_DELAY=0: a commit is written to the file before it returns, so an acknowledged write survives a kill.
        String url = "jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        return open(url, "sa", "");
    }

    /**
     * Opens a database by JDBC URL. Flyway migrates the schema on its own connection while the Micronaut context (bean
     * definitions, connection pool) starts on the calling thread: both are mostly class loading, and on two cores they
     * need not wait for each other. A connection held open across both keeps an in-memory database alive between
     * Flyway's connection and the pool's, and is where a file that cannot be opened is reported.
     */
    public static Database open(String url, String user, String password) {
        try (Connection keepAlive = DriverManager.getConnection(url, user, password)) {
            CompletableFuture<Void> migration = CompletableFuture.runAsync(() -> Flyway.configure()
                    .dataSource(url, user, password)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate(), command -> new Thread(command, "ballast-migrate").start());
            ApplicationContext context = ApplicationContext.builder()
                    .deduceEnvironment(false)
                    .banner(false)
                    .properties(Map.of(
                            "datasources.default.url", url,
                            "datasources.default.username", user,
                            "datasources.default.password", password,
                            "datasources.default.driver-class-name", "org.h2.Driver",
                            "datasources.default.maximum-pool-size", 8,
                            "datasources.default.pool-name", "ballast-db"))
                    .start();
            try {
                migration.join();
                return new Database(context);
            } catch (RuntimeException e) {
                context.close();
                throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the database " + url + ": " + e.getMessage(), e);
        }
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
