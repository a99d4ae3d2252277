package io.ballast.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for the tests: Debian's binaries ({@code /usr/lib/postgresql/<version>/bin}) run
 * {@code initdb} into a temporary directory and {@code pg_ctl start} on a free loopback port, as the {@code postgres}
 * user when the tests run as root (PostgreSQL refuses root). One server per test JVM ({@link #shared()}); each test
 * class takes a fresh database ({@link #createDatabase}). {@link #stop()} and {@link #start()} restart it in place for
 * outage tests. Stopped and deleted when the JVM exits. Without the binaries it fails, naming the package to install.
 */
public final class PostgresFixture {

    /** The superuser initdb creates; trust authentication on loopback, so there is no password. */
    public static final String USER = "ballast";

    private static PostgresFixture shared;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgres;

    private PostgresFixture(Path bin, Path dir, int port, boolean asPostgres) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** The server of this JVM, initialised and started on first use. */
    public static synchronized PostgresFixture shared() {
        if (shared == null) {
            PostgresFixture created = create();
            Runtime.getRuntime().addShutdownHook(new Thread(created::destroy, "postgres-fixture-stop"));
            shared = created;
        }
        return shared;
    }

    private static PostgresFixture create() {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("ballast-pg");
            PostgresFixture pg = new PostgresFixture(bin, dir, freePort(), root);
            if (root) {
                pg.run(List.of("chown", "postgres", dir.toString()), false);
            }
            pg.run(List.of(bin.resolve("initdb").toString(), "-D", pg.data(), "-A", "trust", "-U", USER,
                    "-E", "UTF8", "--no-sync"), true);
            pg.start();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the PostgreSQL test directory", e);
        }
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} holding initdb; fails naming the package when none does. */
    static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(PostgresFixture::major))
                    .orElseThrow(() -> new IllegalStateException("The PostgreSQL tests need a PostgreSQL server: no "
                            + "/usr/lib/postgresql/*/bin/initdb here. Install Debian's postgresql package "
                            + "(apt-get install -y postgresql), as .ci/run does."));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static int major(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts the server (again, after {@link #stop()}) and waits until it accepts connections. */
    public synchronized void start() {
        String options = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=300"
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-l", dir.resolve("log").toString(),
                "-o", options, "-w", "-t", "60", "start"), true);
    }

    /** Stops the server (fast: open connections are cut, as in a restart), keeping its data. */
    public synchronized void stop() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "stop"), true);
    }

    /** Creates a database of a fresh name and answers its JDBC URL. */
    public String createDatabase(String prefix) {
        String name = (prefix.replaceAll("[^A-Za-z0-9]", "_") + "_" + DATABASES.incrementAndGet())
                .toLowerCase(java.util.Locale.ROOT);
        try (Connection c = connect(url("postgres"));
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    /**
     * A connection through the driver itself: DriverManager may have looked for drivers while the server opened an
     * H2 database, which hides the PostgreSQL driver from it (store.VendorClassLoader).
     */
    public static Connection connect(String url) throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", USER);
        return new org.postgresql.Driver().connect(url, properties);
    }

    /** The JDBC URL of a database on this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private void destroy() {
        try {
            stop();
        } catch (RuntimeException e) {
            // already stopped, or never started: the directory goes all the same
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is all that is lost
        }
    }

    private void run(List<String> command, boolean asServerUser) {
        List<String> full = new ArrayList<>();
        if (asServerUser && asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Path output = Files.createTempFile("ballast-pg-cmd", ".log");
            try {
                Process process = new ProcessBuilder(full).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(90, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", full) + " did not finish in 90 s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", full) + " failed (exit " + process.exitValue()
                            + "): " + Files.readString(output) + serverLog());
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + full, e);
        }
    }

    private String serverLog() throws IOException {
        Path log = dir.resolve("log");
        return Files.isReadable(log) ? "\nserver log:\n" + Files.readString(log) : "";
    }
}
