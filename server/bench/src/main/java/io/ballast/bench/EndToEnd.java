package io.ballast.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.io.IOException;
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
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end benchmarks of a real Ballast process against a baseline in the same run: start-up to ready (against a
 * bare Vert.x server), ingest through {@code POST /api/v1/observations} in batches of 1,000 (against a raw JDBC batch
 * into an H2 file), and {@code GET /api/v1/scores/latest} under load (against a bare route serving the same bytes).
 * {@code java -cp server/bench/target/benchmarks.jar io.ballast.bench.EndToEnd [server.jar]}.
 */
public final class EndToEnd {

    /** The six configured economies and 24 more, so that 60,000 observations are 60,000 different cells. */
    private static final String[] REGIONS = {"CHN", "USA", "DEU", "JPN", "KOR", "IND", "FRA", "GBR", "ITA", "BRA",
        "CAN", "AUS", "ESP", "MEX", "IDN", "NLD", "SAU", "TUR", "CHE", "POL", "SWE", "BEL", "ARG", "NOR", "AUT", "IRL",
        "ISR", "THA", "SGP", "VNM"};
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

    /** {@code EndToEnd [server.jar] [startup,viewers,ingest]}: all three parts unless some are named. */
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "server/target/ballast-server.jar");
        Set<String> parts = Set.of((args.length > 1 ? args[1] : "startup,viewers,ingest").split(","));
        Path benchJar = Path.of(EndToEnd.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        new EndToEnd(jar, benchJar).run(parts);
        System.exit(0);
    }

    private void run(Set<String> parts) throws Exception {
        Path body = Files.createTempFile("ballast-bench", ".json");
        Files.writeString(body, "{}");
        if (parts.contains("startup")) {
            startUp(body);
        }
        // the default configuration for what viewers do; one with 30 regions for ingest, so that 60,000
        // observations are as many different cells
        if (parts.contains("viewers")) {
            Launch server = ballast("");
            Process p = start(server);
            try {
                server.waitReady(http);
                firstPaint(server.port());
                reads(server.port(), body);
            } finally {
                Launch.stop(p);
            }
        }
        if (parts.contains("ingest")) {
            Launch server = ballast("regions:\n" + Arrays.stream(REGIONS)
                    .map(r -> "  - code: " + r + "\n    name: " + r + "\n").collect(Collectors.joining()));
            Process p = start(server);
            try {
                server.waitReady(http);
                ingest(server.port());
            } finally {
                Launch.stop(p);
            }
        }
    }

    private void startUp(Path body) throws Exception {
        System.out.println("== start-up: process start to /health/ready answering 200, empty data directory "
                + "(median of 5)");
        double[] archived = new double[5];
        double[] plain = new double[5];
        double[] bare = new double[5];
        for (int i = 0; i < 5; i++) {
            archived[i] = startAndStop(ballast(""));
            plain[i] = startAndStop(Launch.ballast(jar, Files.createTempDirectory("ballast-bench"), List.of(), ""));
            bare[i] = startAndStop(bare(body));
        }
        if (Files.exists(archive())) {
            report("with .jsa ms", Launch.median(archived), "bare vert.x ms", Launch.median(bare));
        } else {
            System.out.println("  no " + archive() + " (built with -Dballast.cds.skip?): both runs are without it");
        }
        report("java -jar ms", Launch.median(plain), "bare vert.x ms", Launch.median(bare));
    }

    /**
     * Page load to first painted data: five loads by a new browser each (empty cache) and five by one browser that
     * has loaded the page before (modules and Chart.js cached, revalidated).
     */
    private void firstPaint(int port) throws Exception {
        System.out.println("== first paint: navigation start to the frame that first draws scores (median of 5)");
        if (!FirstPaint.available()) {
            System.out.println("  skipped: needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install -y "
                    + "chromium chromium-driver)");
            return;
        }
        String url = "http://127.0.0.1:" + port + "/";
        try (FirstPaint browser = new FirstPaint()) {
            browser.load(url); // not counted: the server's own first page load runs cold code
        }
        double[][] cold = new double[5][];
        for (int i = 0; i < 5; i++) {
            try (FirstPaint browser = new FirstPaint()) {
                cold[i] = browser.load(url);
            }
        }
        double[][] warm = new double[5][];
        try (FirstPaint browser = new FirstPaint()) {
            browser.load(url);
            for (int i = 0; i < 5; i++) {
                warm[i] = browser.load(url);
            }
        }
        report("cold data ms", median(cold, 0), "cold fcp ms", median(cold, 1));
        report("warm data ms", median(warm, 0), "warm fcp ms", median(warm, 1));
    }

    private static double median(double[][] rows, int column) {
        return Launch.median(Arrays.stream(rows).mapToDouble(r -> r[column]).toArray());
    }

    /**
     * 60 batches of 1,000 observations of cells not stored yet (30 regions × 10 series × 200 years), then the same 60
     * batches again with every value revised; each pass against raw JDBC doing the same to an H2 file: a batch INSERT
     * for the new rows, a batch MERGE for the revisions. Commit per batch on both sides.
     */
    private void ingest(int port) throws Exception {
        int batches = 60;
        List<List<Row>> fresh = rows(batches, 0);
        List<List<Row>> revised = rows(batches, 0.5);
        double ballastNew = post(port, fresh);
        double ballastRevised = post(port, revised);

        Path h2 = Files.createTempDirectory("ballast-bench-jdbc");
        double jdbcNew;
        double jdbcRevised;
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + h2.resolve("raw") + ";WRITE_DELAY=0",
                "sa", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE observation (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
                        + "region VARCHAR(8) NOT NULL, series_code VARCHAR(64) NOT NULL, period INT NOT NULL, "
                        + "obs_value DOUBLE PRECISION NOT NULL, updated_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                        + "CONSTRAINT cell UNIQUE (region, series_code, period))");
            }
            c.setAutoCommit(false);
            jdbcNew = jdbc(c, "INSERT INTO observation (region, series_code, period, obs_value, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?)", fresh);
            jdbcRevised = jdbc(c, "MERGE INTO observation (region, series_code, period, obs_value, updated_at) "
                    + "KEY (region, series_code, period) VALUES (?, ?, ?, ?, ?)", revised);
        }
        System.out.println("== ingest: 60 POSTs of 1,000 observations, each acknowledged after commit, scores "
                + "recomputed");
        report("new obs/s", ballastNew, "raw INSERT obs/s", jdbcNew);
        report("revised obs/s", ballastRevised, "raw MERGE obs/s", jdbcRevised);
    }

    private record Row(String region, String series, int period, double value) {
    }

    private static List<List<Row>> rows(int batches, double offset) {
        List<List<Row>> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<Row> batch = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int cell = b * 1000 + i;
                batch.add(new Row(REGIONS[cell % REGIONS.length], SERIES[(cell / REGIONS.length) % SERIES.length],
                        1900 + cell / (REGIONS.length * SERIES.length), 1 + cell % 97 + offset));
            }
            out.add(batch);
        }
        return out;
    }

    /** Posts the batches one after the other; observations per second. */
    private double post(int port, List<List<Row>> batches) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (List<Row> batch : batches) {
            StringBuilder json = new StringBuilder("{\"observations\":[");
            for (Row r : batch) {
                json.append(json.length() > 17 ? "," : "").append("{\"region\":\"").append(r.region())
                        .append("\",\"series\":\"").append(r.series()).append("\",\"period\":").append(r.period())
                        .append(",\"value\":").append(r.value()).append('}');
            }
            bodies.add(json.append("]}").toString());
        }
        long started = System.nanoTime();
        for (String b : bodies) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/observations")).header("Authorization", "Bearer " + Launch.TOKEN)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(b)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !r.body().contains("\"accepted\":1000")) {
                throw new IllegalStateException("ingest answered " + r.statusCode() + ": " + r.body());
            }
        }
        return batches.size() * 1000 / ((System.nanoTime() - started) / 1e9);
    }

    /** The same rows through one prepared statement, a batch and a commit per 1,000; rows per second. */
    private static double jdbc(Connection c, String sql, List<List<Row>> batches) throws Exception {
        long started = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            var now = java.sql.Timestamp.from(java.time.Instant.now());
            for (List<Row> batch : batches) {
                for (Row r : batch) {
                    ps.setString(1, r.region());
                    ps.setString(2, r.series());
                    ps.setInt(3, r.period());
                    ps.setDouble(4, r.value());
                    ps.setTimestamp(5, now);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            }
        }
        return batches.size() * 1000 / ((System.nanoTime() - started) / 1e9);
    }

    private void reads(int port, Path body) throws Exception {
        HttpResponse<byte[]> latest = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/scores/latest?region=CHN")).build(), HttpResponse.BodyHandlers.ofByteArray());
        Files.write(body, latest.body());
        Launch bare = bare(body);
        Process p = start(bare);
        try {
            bare.waitReady(http);
            System.out.println("== reads: 10 s, 64 connections, of the same " + latest.body().length + " bytes");
            double[] b = load(port, "/api/v1/scores/latest?region=CHN");
            double[] r = load(bare.port(), "/bytes");
            report("ballast req/s", b[0], "bare route req/s", r[0]);
            report("ballast p99 ms", b[1], "bare route p99 ms", r[1]);
        } finally {
            Launch.stop(p);
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

    private long startAndStop(Launch server) throws Exception {
        long t0 = System.nanoTime();
        Process p = start(server);
        try {
            server.waitReady(http);
            return (System.nanoTime() - t0) / 1_000_000;
        } finally {
            Launch.stop(p);
        }
    }

    /** The class-data archive the build writes beside the server jar (docs/operations.md). */
    private Path archive() {
        return jar.resolveSibling("ballast.jsa");
    }

    /** Ballast as the README starts it: with the class-data archive when there is one. */
    private Launch ballast(String extraYaml) throws IOException {
        List<String> jvm = Files.exists(archive()) ? List.of("-XX:SharedArchiveFile=" + archive()) : List.of();
        return Launch.ballast(jar, Files.createTempDirectory("ballast-bench"), jvm, extraYaml);
    }

    private Launch bare(Path body) throws IOException {
        return Launch.bench(benchJar, List.of(), BareServer.class, body.toString());
    }

    private static Process start(Launch server) throws IOException {
        return new ProcessBuilder(server.command()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static void report(String a, double av, String b, double bv) {
        System.out.printf(Locale.ROOT, "  %-16s %12.1f   %-18s %12.1f   ratio %.2f%n", a, av, b, bv, av / bv);
    }
}
