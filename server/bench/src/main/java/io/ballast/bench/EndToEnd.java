package io.ballast.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end benchmarks of a real Ballast process against a baseline in the same run: start-up to ready (against a
 * bare Vert.x server), ingest through {@code POST /api/v1/observations} in batches of 1,000 (against a raw JDBC batch
 * into an H2 file), and {@code GET /api/v1/scores/latest} under load (against a bare route serving the same bytes).
 * {@code java -cp server/bench/target/benchmarks.jar io.ballast.bench.EndToEnd [server.jar]}.
 */
public final class EndToEnd {

    private static final String TOKEN = "bench-admin-token-0123456789";
    private static final String[] REGIONS = {"CHN", "USA", "DEU", "JPN", "KOR", "IND"};
    private static final String[] SERIES = {"BX.KLT.DINV.WD.GD.ZS", "NE.TRD.GNFS.ZS", "SL.UEM.TOTL.ZS",
        "GB.XPD.RSDV.GD.ZS", "IP.PAT.RESD", "NV.IND.MANF.ZS", "SL.UEM.1524.ZS", "TM.VAL.ICTG.ZS.UN",
        "TX.VAL.TECH.MF.ZS", "SL.IND.EMPL.ZS"};

    private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    private final Path jar;
    private final Path benchJar;

    private EndToEnd(Path jar, Path benchJar) {
        this.jar = jar;
        this.benchJar = benchJar;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "server/target/ballast-server.jar");
        Path benchJar = Path.of(EndToEnd.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        new EndToEnd(jar, benchJar).run();
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.println("== start-up: process start to /health/ready answering 200 (median of 3)");
        Path body = Files.createTempFile("ballast-bench", ".json");
        Files.writeString(body, "{}");
        long[] ballast = new long[3];
        long[] bare = new long[3];
        for (int i = 0; i < 3; i++) {
            ballast[i] = startAndStop(ballastCommand(freePort(), Files.createTempDirectory("ballast-bench")));
            bare[i] = startAndStop(bareCommand(freePort(), body));
        }
        report("ballast ms", median(ballast), "bare vert.x ms", median(bare));

        Path data = Files.createTempDirectory("ballast-bench");
        int port = freePort();
        Process server = start(ballastCommand(port, data));
        try {
            waitReady(port);
            ingest(port);
            reads(port, body);
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void ingest(int port) throws Exception {
        int batches = 60;
        List<String> bodies = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            StringBuilder json = new StringBuilder("{\"observations\":[");
            for (int i = 0; i < 1000; i++) {
                int cell = b * 1000 + i;
                String region = REGIONS[cell % REGIONS.length];
                String series = SERIES[(cell / REGIONS.length) % SERIES.length];
                int year = 1900 + (cell / (REGIONS.length * SERIES.length)) % 200;
                double value = 1 + (cell % 97) + b * 0.001;
                json.append(i == 0 ? "" : ",").append("{\"region\":\"").append(region).append("\",\"series\":\"")
                        .append(series).append("\",\"period\":").append(year).append(",\"value\":").append(value)
                        .append('}');
                rows.add(new double[] {cell % REGIONS.length, (cell / REGIONS.length) % SERIES.length, year, value});
            }
            bodies.add(json.append("]}").toString());
        }
        long started = System.nanoTime();
        for (String b : bodies) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/observations")).header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(b)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("ingest answered " + r.statusCode() + ": " + r.body());
            }
        }
        double ballastRate = batches * 1000 / ((System.nanoTime() - started) / 1e9);

        Path h2 = Files.createTempDirectory("ballast-bench-jdbc");
        double jdbcRate;
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + h2.resolve("raw") + ";WRITE_DELAY=0",
                "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE observation (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                        + "region VARCHAR(8) NOT NULL, series_code VARCHAR(64) NOT NULL, period INT NOT NULL, "
                        + "obs_value DOUBLE PRECISION NOT NULL, updated_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                        + "CONSTRAINT cell UNIQUE (region, series_code, period))");
            }
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO observation (region, series_code, period, "
                    + "obs_value, updated_at) KEY (region, series_code, period) VALUES (?, ?, ?, ?, ?)")) {
                var now = java.sql.Timestamp.from(java.time.Instant.now());
                for (int b = 0; b < batches; b++) {
                    for (double[] row : rows.subList(b * 1000, (b + 1) * 1000)) {
                        ps.setString(1, REGIONS[(int) row[0]]);
                        ps.setString(2, SERIES[(int) row[1]]);
                        ps.setInt(3, (int) row[2]);
                        ps.setDouble(4, row[3]);
                        ps.setTimestamp(5, now);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    c.commit();
                }
            }
            jdbcRate = batches * 1000 / ((System.nanoTime() - t0) / 1e9);
        }
        System.out.println("== ingest: 60 batches of 1,000 observations, each acknowledged after commit");
        report("ballast obs/s", ballastRate, "raw jdbc obs/s", jdbcRate);
    }

    private void reads(int port, Path body) throws Exception {
        HttpResponse<byte[]> latest = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/scores/latest?region=CHN")).build(), HttpResponse.BodyHandlers.ofByteArray());
        Files.write(body, latest.body());
        int barePort = freePort();
        Process bare = start(bareCommand(barePort, body));
        try {
            waitReady(barePort);
            System.out.println("== reads: 10 s, 64 connections, of the same " + latest.body().length + " bytes");
            double[] b = load(port, "/api/v1/scores/latest?region=CHN");
            double[] r = load(barePort, "/bytes");
            report("ballast req/s", b[0], "bare route req/s", r[0]);
            report("ballast p99 ms", b[1], "bare route p99 ms", r[1]);
        } finally {
            bare.destroy();
            bare.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Requests per second and p99 latency (ms) of GETs over 64 keep-alive connections for 10 s (after 3 s warm-up). */
    private static double[] load(int port, String path) throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(64));
        try {
            run(client, port, path, 3_000, new ArrayList<>());
            List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
            long count = run(client, port, path, 10_000, latencies);
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return new double[] {count / 10.0, sorted[(int) (sorted.length * 0.99)] / 1e6};
        } finally {
            vertx.close().await();
        }
    }

    private static long run(HttpClient client, int port, String path, long millis, List<Long> latencies)
            throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        AtomicLong done = new AtomicLong();
        var finished = new java.util.concurrent.CountDownLatch(64);
        for (int i = 0; i < 64; i++) {
            loop(client, port, path, end, done, latencies, finished);
        }
        finished.await();
        return done.get();
    }

    private static void loop(HttpClient client, int port, String path, long end, AtomicLong done, List<Long> lat,
                             java.util.concurrent.CountDownLatch finished) {
        if (System.nanoTime() >= end) {
            finished.countDown();
            return;
        }
        long t0 = System.nanoTime();
        client.request(HttpMethod.GET, port, "127.0.0.1", path)
                .compose(req -> req.send().compose(resp -> resp.body()))
                .onComplete(r -> {
                    if (r.succeeded()) {
                        done.incrementAndGet();
                        lat.add(System.nanoTime() - t0);
                    }
                    loop(client, port, path, end, done, lat, finished);
                });
    }

    private long startAndStop(List<String> command) throws Exception {
        long t0 = System.nanoTime();
        Process p = start(command);
        try {
            waitReady(portOf(command));
            return (System.nanoTime() - t0) / 1_000_000;
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private final java.util.Map<List<String>, Integer> ports = new java.util.HashMap<>();

    private int portOf(List<String> command) {
        return ports.get(command);
    }

    private List<String> ballastCommand(int port, Path data) {
        List<String> c = List.of(java(), "-jar", jar.toString(), "--config",
                data.resolve("bench.yaml").toString());
        try {
            Files.writeString(data.resolve("bench.yaml"), "server:\n  port: " + port + "\n  host: 127.0.0.1\n"
                    + "data:\n  dir: " + data.resolve("data") + "\nsecurity:\n  admin-token: " + TOKEN + "\n"
                    + "  writes-per-minute: 1000000\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ports.put(c, port);
        return c;
    }

    private List<String> bareCommand(int port, Path body) {
        List<String> c = List.of(java(), "-cp", benchJar.toString(), BareServer.class.getName(),
                Integer.toString(port), body.toString());
        ports.put(c, port);
        return c;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private void waitReady(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no server became ready on port " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static long median(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    private static void report(String a, double av, String b, double bv) {
        System.out.printf(Locale.ROOT, "  %-16s %12.1f   %-18s %12.1f   ratio %.2f%n", a, av, b, bv, av / bv);
    }
}
