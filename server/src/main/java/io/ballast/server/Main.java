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
 * Starts Ballast: {@code java -jar ballast-server.jar [check] [--config FILE]}, or {@code hash-token}, or
 * {@code audit [--config FILE]} (the multivariate check of the indicators' inputs, docs/methodology.md).
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        StartupPhases phases = new StartupPhases(StartupPhases.sinceProcessStart());
        if (args.length == 1 && args[0].equals("hash-token")) {
            hashToken();
            return;
        }
        boolean check = args.length > 0 && args[0].equals("check");
        boolean audit = args.length > 0 && args[0].equals("audit");
        String[] options = check || audit ? Arrays.copyOfRange(args, 1, args.length) : args;
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
        String host = config.server().host().equals("0.0.0.0") ? "localhost" : config.server().host();
        if (check) {
            System.exit(check(ballast, host, config, (System.nanoTime() - started) / 1_000_000));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(ballast::close, "ballast-shutdown"));
        LOG.info("Ballast is ready: dashboard at http://{}:{}/ ({} ms after the process started; phases in ms "
                + "from it, name=took@began: {})", host, ballast.port(), phases.now(), phases.line());
    }

    /**
     * {@code ballast check}: starts with the configuration, asks the running server for its readiness, dashboard and
     * latest scores, stops, and exits 0 when all three answered 200. A smoke test for ops (and the build's class-data
     * training run, docs/operations.md).
     */
    private static int check(Ballast ballast, String host, BallastConfig config, long readyMs) {
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
        ballast.close();
        System.out.println(report);
        return ok ? 0 : 1;
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
            throw new ConfigException("unknown argument '" + args[i] + "'; usage: ballast [check | audit] [--config "
                    + "FILE] | ballast hash-token");
        }
        String fromEnv = env.get("BALLAST_CONFIG");
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(Path.of(fromEnv));
    }
}
