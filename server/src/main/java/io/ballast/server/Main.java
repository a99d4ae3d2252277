package io.ballast.server;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigException;
import io.ballast.server.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Ballast: {@code java -jar ballast-server.jar [--config FILE]}. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("hash-token")) {
            hashToken();
            return;
        }
        BallastConfig config;
        Optional<Path> file;
        try {
            file = configFile(args, System.getenv());
            config = new ConfigLoader().load(file, System.getenv());
        } catch (ConfigException e) {
            System.err.println("ballast: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (config.logging().json()) {
            LogFormat.json();
        }
        try {
            Ballast ballast = Ballast.start(config, file, System.getenv()).await();
            Runtime.getRuntime().addShutdownHook(new Thread(ballast::close, "ballast-shutdown"));
            String host = config.server().host().equals("0.0.0.0") ? "localhost" : config.server().host();
            LOG.info("Ballast is ready: dashboard at http://{}:{}/", host, ballast.port());
        } catch (RuntimeException e) {
            LOG.error("Ballast could not start: {}", e.getMessage(), e);
            System.exit(1);
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
            throw new ConfigException("unknown argument '" + args[i] + "'; usage: ballast [--config FILE] | "
                    + "ballast hash-token");
        }
        String fromEnv = env.get("BALLAST_CONFIG");
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(Path.of(fromEnv));
    }
}
