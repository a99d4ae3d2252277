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
        BallastConfig config;
        try {
            config = new ConfigLoader().load(configFile(args, System.getenv()), System.getenv());
        } catch (ConfigException e) {
            System.err.println("ballast: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            Ballast ballast = Ballast.start(config).await();
            Runtime.getRuntime().addShutdownHook(new Thread(ballast::close, "ballast-shutdown"));
            String host = config.server().host().equals("0.0.0.0") ? "localhost" : config.server().host();
            LOG.info("Ballast is ready: dashboard at http://{}:{}/", host, ballast.port());
        } catch (RuntimeException e) {
            LOG.error("Ballast could not start: {}", e.getMessage(), e);
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
            throw new ConfigException("unknown argument '" + args[i] + "'; usage: ballast [--config FILE]");
        }
        String fromEnv = env.get("BALLAST_CONFIG");
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(Path.of(fromEnv));
    }
}
