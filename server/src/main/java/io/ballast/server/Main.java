package io.ballast.server;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigException;
import io.ballast.server.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Ballast: {@code java -jar ballast-server.jar [check [--baseline-scores FILE]] [--config FILE]}, or
 * {@code hash-token}, or
 * {@code audit [--config FILE]} (the multivariate check of the indicators' inputs, docs/methodology.md).
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final String NETTY_JFR = "io.netty.jfr.enabled";

    private Main() {
    }

    public static void main(String[] args) {
        StartupPhases phases = new StartupPhases(StartupPhases.sinceProcessStart());
        // Netty's allocator registers its JFR events when it allocates its first chunk (the first request), which
        // initialises JFR's metadata on an event loop: about 0.1 s that the first client waits for, recording or not.
        // -Dio.netty.jfr.enabled=true brings the events back for a recording (docs/operations.md).
        if (System.getProperty(NETTY_JFR) == null) {
            System.setProperty(NETTY_JFR, "false");
        }
        if (args.length == 1 && args[0].equals("hash-token")) {
            hashToken();
            return;
        }
        boolean check = args.length > 0 && args[0].equals("check");
        boolean audit = args.length > 0 && args[0].equals("audit");
        String[] options = check || audit ? Arrays.copyOfRange(args, 1, args.length) : args;
        Optional<Path> baselineScores = Optional.empty();
        if (check && options.length >= 2 && options[0].equals("--baseline-scores")) {
            baselineScores = Optional.of(Path.of(options[1]));
            options = Arrays.copyOfRange(options, 2, options.length);
        }
        BallastConfig config;
        Optional<Path> file;
        try {
            long configStart = phases.now();
            file = configFile(options, System.getenv());
            config = new ConfigLoader().load(file, System.getenv());
            phases.record("config", configStart);
        } catch (ConfigException e) {
            System.err.println("ballast: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (audit) {
            System.out.print(new io.ballast.server.audit.Audit(config).run());
            return;
        }
        if (config.logging().json()) {
            LogFormat.json();
        }
        long started = System.nanoTime();
        Ballast ballast;
        try {
            ballast = Ballast.start(config, file, System.getenv(), phases).await();
        } catch (Exception e) { // await() rethrows the cause as is, checked ones (a taken port's BindException) too
            if (e instanceof java.net.BindException) {
                LOG.error("Ballast could not start: cannot listen on {}:{} ({}); set server.port or "
                        + "BALLAST_SERVER_PORT to a free port", config.server().host(), config.server().port(),
                        e.getMessage());
            } else {
                LOG.error("Ballast could not start: {}", e.getMessage(), e);
            }
            System.exit(1);
            return;
        }
        ballast.backend().onFailure(e -> { // only after a start from a snapshot: the database opens behind it
            LOG.error("Ballast stops: the database could not be opened: {}", e.getMessage(), e);
            new Thread(() -> System.exit(1), "ballast-exit").start(); // not on the event loop the shutdown needs
        });
        String host = config.server().host().equals("0.0.0.0") ? "localhost" : config.server().host();
        if (check) {
            System.exit(check(ballast, host, config, (System.nanoTime() - started) / 1_000_000, baselineScores));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(ballast::close, "ballast-shutdown"));
        LOG.info("Ballast is ready: dashboard at http://{}:{}/ ({} ms after the process started; phases in ms "
                + "from it, name=took@began: {})", host, ballast.port(), phases.now(), phases.line());
    }

    /**
     * {@code ballast check [--baseline-scores FILE]}: starts with the configuration, asks the running server for its
     * readiness, dashboard and latest scores, waits for its database and first scoring, stops, and exits 0 when all
     * of it succeeded. A smoke test for ops, and the build's training runs (docs/operations.md): with
     * {@code --baseline-scores}, a start on a new database keeps the bundled baseline's documents in FILE.
     */
    private static int check(Ballast ballast, String host, BallastConfig config, long readyMs,
                             Optional<Path> baselineScores) {
        String base = (config.server().tls().isPresent() ? "https://" : "http://") + host + ":" + ballast.port();
        String region = config.regions().get(0).code();
        List<String> paths = List.of("/health/ready", "/", "/api/v1/scores/latest?region=" + region);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        boolean ok = true;
        StringBuilder report = new StringBuilder("ballast check: ready in " + readyMs + " ms");

        for (String path : paths) {
            String status;
            try {
                int code = client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                status = Integer.toString(code);
                ok &= code == 200;
            } catch (java.io.IOException e) {
                status = "no answer (" + e.getMessage() + ")";
                ok = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = "interrupted";
                ok = false;
            }
            report.append("; ").append(path).append(' ').append(status);
        }
        // a start from a score snapshot is ready before its database is open: check that it opens and scores too
        String database = settled(ballast, client, base);
        ok &= database.equals("scores from the database");
        report.append("; ").append(database);
        if (baselineScores.isPresent()) {
            boolean kept = ballast.close(baselineScores.get());
            report.append(kept ? "; baseline scores kept in " + baselineScores.get()
                    : "; baseline scores not kept (the database was not new, or something else was scored)");
        } else {
            ballast.close();
        }
        System.out.println(report);
        return ok ? 0 : 1;
    }

    /**
     * Waits (at most 60 s) for the database to be open and readiness to say the scores come from it, not from the
     * snapshot a start may have restored; answers what it saw.
     */
    private static String settled(Ballast ballast, HttpClient client, String base) {
        try {
            ballast.backend().await(60, java.util.concurrent.TimeUnit.SECONDS);
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                String body = client.send(HttpRequest.newBuilder(URI.create(base + "/health/ready"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
                if (json.readTree(body).at("/checks/scoring/from").asText().equals("database")) {
                    return "scores from the database";
                }
                Thread.sleep(20);
            }
            return "scores still from the snapshot after 60 s";
        } catch (java.util.concurrent.TimeoutException e) {
            return "database not open after 60 s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) { // await() rethrows the database's failure as is
            return "database failed: " + e.getMessage();
        }
    }

    /** Prints the SHA-256 (hex) of a token read from standard input, for {@code security.tokens[].sha256}. */
    private static void hashToken() {
        try {
            String token = new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                System.err.println("ballast: give the token on standard input, e.g. 'echo -n TOKEN | java -jar "
                        + "ballast-server.jar hash-token'");
                System.exit(2);
            }
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            System.out.println(java.util.HexFormat.of().formatHex(hash));
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            System.err.println("ballast: " + e.getMessage());
            System.exit(1);
        }
    }

    static Optional<Path> configFile(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                if (i + 1 >= args.length) {
                    throw new ConfigException("--config needs a file name");
                }
                return Optional.of(Path.of(args[i + 1]));
            }
            if (args[i].startsWith("--config=")) {
                return Optional.of(Path.of(args[i].substring("--config=".length())));
            }
            throw new ConfigException("unknown argument '" + args[i] + "'; usage: ballast [check [--baseline-scores "
                    + "FILE] | audit] [--config FILE] | ballast hash-token");
        }
        String fromEnv = env.get("BALLAST_CONFIG");
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(Path.of(fromEnv));
    }
}
