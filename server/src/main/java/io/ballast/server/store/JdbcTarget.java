package io.ballast.server.store;

import io.ballast.server.config.DatabaseSettings;
import java.nio.file.Path;

/**
 * Where a {@link Database} connects and how many connections it may hold: the URL decides the dialect. The password
 * never appears in {@link #toString()}.
 */
public record JdbcTarget(String url, String user, String password, int poolSize, int connectTimeoutMs) {

    private static final int POOL = 8;
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    public JdbcTarget {
        SqlDialect.of(url);
        if (poolSize < 1 || connectTimeoutMs < 1) {
            throw new IllegalArgumentException("pool size and connect timeout must be positive");
        }
    }

    /** The target of a JDBC URL with the default pool. */
    public static JdbcTarget of(String url, String user, String password) {
        return new JdbcTarget(url, user, password, POOL, CONNECT_TIMEOUT_MS);
    }

    /** The embedded H2 file {@code <dataDir>/ballast.mv.db} with the default pool. */
    public static JdbcTarget embedded(Path dataDir) {
        String file = dataDir.toAbsolutePath().resolve("ballast").toString();
        // WRITE_DELAY=0: a commit is written to the file before it returns, so an acknowledged write survives a kill.
        return of("jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    }

    /** What the {@code database:} section asks for: the embedded file under {@code dataDir} when its url is empty. */
    public static JdbcTarget of(DatabaseSettings settings, Path dataDir) {
        JdbcTarget base = settings.embedded() ? embedded(dataDir)
                : of(settings.url(), settings.user(), settings.secret().orElse(""));
        return new JdbcTarget(base.url(), base.user(), base.password(), settings.poolSize(),
                settings.connectTimeoutMs());
    }

    @Override
    public String toString() {
        return "JdbcTarget[url=" + url + ", user=" + user + ", poolSize=" + poolSize + ", connectTimeoutMs="
                + connectTimeoutMs + "]";
    }
}
