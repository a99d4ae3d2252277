package io.ballast.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the config file when it changes and applies what can change at run time. An invalid edit is rejected with
 * the same message a bad start would give, and the running configuration stays. Blocking: call {@link #check()}
 * from a worker.
 */
public final class ConfigWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final Map<String, String> env;
    private final LiveConfig live;
    private final Consumer<BallastConfig> onApplied;
    private FileTime seen;

    public ConfigWatcher(Path file, Map<String, String> env, LiveConfig live, Consumer<BallastConfig> onApplied) {
        this.file = file;
        this.env = env;
        this.live = live;
        this.onApplied = onApplied;
        this.seen = modified().orElse(null);
    }

    /** Reloads if the file changed since the last check; answers whether a new configuration was applied. */
    public boolean check() {
        Optional<FileTime> now = modified();
        if (now.isEmpty() || now.get().equals(seen)) {
            return false;
        }
        seen = now.get();
        BallastConfig candidate;
        try {
            candidate = new ConfigLoader().load(Optional.of(file), env);
        } catch (ConfigException e) {
            LOG.error("Config reload rejected, the running configuration stays: {}", e.getMessage());
            return false;
        }
        List<String> needRestart = live.apply(candidate);
        if (!needRestart.isEmpty()) {
            LOG.warn("Config reload: {} changed but take effect only after a restart", needRestart);
        }
        LOG.info("Config reloaded from {}", file);
        onApplied.accept(live.get());
        return true;
    }

    private Optional<FileTime> modified() {
        try {
            return Optional.of(Files.getLastModifiedTime(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
