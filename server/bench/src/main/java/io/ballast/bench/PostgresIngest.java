package io.ballast.bench;

import io.ballast.bench.IngestThroughput.Row;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Ingest into PostgreSQL: the ingest part of {@link EndToEnd} (60 POSTs of 1,000 new observations, then the same
 * cells revised) with Ballast on a fresh database of a PostgreSQL server, against raw JDBC batches (INSERT, then
 * INSERT … ON CONFLICT DO UPDATE) into another fresh database of the same server, in the same run; three trials and
 * their medians. The server is the caller's (docs/performance.md shows one started with pg_ctl).
 * {@code java -cp server/bench/target/benchmarks.jar io.ballast.bench.PostgresIngest server.jar
 * jdbc:postgresql://127.0.0.1:PORT/ USER}.
 */
public final class PostgresIngest {

    private static final int TRIALS = 3;

    private PostgresIngest() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        String server = args[1].endsWith("/") ? args[1] : args[1] + "/";
        String user = args[2];
        Path benchJar = Path.of(PostgresIngest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        EndToEndServers servers = new EndToEndServers(jar, benchJar);
        List<List<Row>> fresh = IngestThroughput.rows(0);
        List<List<Row>> revised = IngestThroughput.rows(0.5);
        double[][] trials = new double[TRIALS][];
        for (int t = 0; t < TRIALS; t++) {
            String ballastDb = create(server, user, "bench_ballast_" + t);
            Launch ballast = servers.ballast(IngestThroughput.regionsYaml() + "database:\n  url: " + server
                    + ballastDb + "\n  user: " + user + "\n");
            Process p = servers.startReady(ballast);
            try {
                double newRows = IngestThroughput.post(servers.http(), ballast.port(), fresh);
                double revisedRows = IngestThroughput.post(servers.http(), ballast.port(), revised);
                double[] raw = JdbcBaseline.postgres(server + create(server, user, "bench_raw_" + t), user, fresh,
                        revised);
                trials[t] = new double[] {newRows, raw[0], revisedRows, raw[1]};
                System.out.printf(Locale.ROOT, "trial %d: Ballast new %.0f obs/s, raw INSERT %.0f; Ballast revised "
                        + "%.0f obs/s, raw ON CONFLICT %.0f%n", t + 1, newRows, raw[0], revisedRows, raw[1]);
            } finally {
                servers.stop(p);
            }
        }
        System.out.println("== ingest into PostgreSQL: 60 POSTs of 1,000 observations, each acknowledged after commit, "
                + "scores recomputed; medians of " + TRIALS + " trials");
        RatioLine.print("new obs/s", Stats.median(trials, 0), "raw INSERT obs/s", Stats.median(trials, 1));
        RatioLine.print("revised obs/s", Stats.median(trials, 2), "raw UPSERT obs/s", Stats.median(trials, 3));
        System.exit(0);
    }

    /** Creates a database of a fresh name on the server; answers its name. */
    private static String create(String server, String user, String prefix) throws Exception {
        String name = prefix + "_" + System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(server + "postgres", user, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }
}
