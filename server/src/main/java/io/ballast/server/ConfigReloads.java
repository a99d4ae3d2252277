package io.ballast.server;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigException;
import io.ballast.server.config.ConfigLoader;
import io.ballast.server.config.ConfigWatcher;
import io.ballast.server.config.LiveConfig;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration file watched while the server runs: a reload that applies switches plugins on or off and
 * rescores every region (which needs the database, so watching starts once it is open); one that is refused leaves
 * everything as it was. Both are counted in {@code ballast_config_reloads_total}.
 */
final class ConfigReloads {

    private ConfigReloads() {
    }

    /** Watches {@code file}, if the configuration came from one, on a worker. */
    static Future<Optional<ConfigWatcher>> watch(Platform platform, Plugins plugins, Backend backend, LiveConfig live,
                                                 Optional<Path> file, Map<String, String> env) {
        int checkMs = live.get().startup().server().reloadCheckMs();
        return platform.vertx().executeBlocking(() -> file.map(f -> ConfigWatcher.start(platform.vertx(), f,
                textOf(f), env, live, reloads(platform, plugins, backend.scoring()), checkMs)), false);
    }

    /** The config file's text now, the one the watcher compares with; empty when it vanished since it was loaded. */
    private static String textOf(Path file) {
        try {
            return ConfigLoader.read(file);
        } catch (ConfigException e) {
            return "";
        }
    }

    /** What a reloaded configuration changes: the plugins switched on or off, every region rescored. */
    private static ConfigWatcher.Listener reloads(Platform platform, Plugins plugins, Scoring.Service scoring) {
        return new ConfigWatcher.Listener() {
            @Override
            public void applied(BallastConfig before, BallastConfig after) {
                platform.metrics().configReload("applied");
                plugins.apply(after);
                scoring.rescore(before, after);
            }

            @Override
            public void refused(String message) {
                platform.metrics().configReload("refused");
            }
        };
    }

}
