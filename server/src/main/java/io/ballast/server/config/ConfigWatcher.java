package io.ballast.server.config;

import io.vertx.config.ConfigChange;
import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the config file with Vert.x Config (read every {@code server.reload-check-ms}; a change of its text is an
 * event) and applies a changed file's reloadable half. A changed text is applied only once the file still holds it a
 * moment later and it is not empty: an editor that truncates the file and then writes it is seen half-way, and the
 * half-written or empty text must never apply the defaults. An invalid edit is refused with the message a bad start
 * would give, and the running configuration (the last good one) stays; changed start-up keys are logged as waiting for
 * a restart.
 */
public final class ConfigWatcher implements AutoCloseable {

    /** Hears of each changed file: the configuration then in force, or the message that refused it. */
    public interface Listener {
        /** A reload was applied: {@code before} was in force, {@code after} is now. */
        void applied(BallastConfig before, BallastConfig after);

        void refused(String message);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    private static final String TEXT = "text";

    private final Path file;
    private final Map<String, String> env;
    private final LiveConfig live;
    private final Listener listener;
    private final ConfigRetriever retriever;
    private final WorkerExecutor worker;
    private final Vertx vertx;
    private final long settleMs;
    private String applied;

    private ConfigWatcher(Vertx vertx, Path file, Map<String, String> env, LiveConfig live, Listener listener,
                          int periodMs) {
        this.file = file;
        this.env = env;
        this.live = live;
        this.listener = listener;
        this.worker = vertx.createSharedWorkerExecutor("ballast-config", 1);
        this.vertx = vertx;
        this.settleMs = Math.max(50, Math.min(500, periodMs / 2));
        // the raw text, not parsed by Vert.x: the loader parses it, so a reload says what a start would say
        // optional: a file that cannot be read for a while (being replaced, say) yields no text, not an error per scan
        ConfigStoreOptions store = new ConfigStoreOptions().setType("file").setFormat("raw").setOptional(true)
                .setConfig(new JsonObject().put("path", file.toAbsolutePath().toString()).put("raw.key", TEXT));
        this.retriever = ConfigRetriever.create(vertx, new ConfigRetrieverOptions().setIncludeDefaultStores(false)
                .addStore(store).setScanPeriod(periodMs));
    }

    /**
     * Starts watching {@code file}, whose text {@code started} is the one the running configuration came from;
     * {@code listener} hears of each changed file.
     */
    public static ConfigWatcher start(Vertx vertx, Path file, String started, Map<String, String> env,
                                      LiveConfig live, Listener listener, int periodMs) {
        ConfigWatcher watcher = new ConfigWatcher(vertx, file, env, live, listener, periodMs);
        watcher.applied = started;
        watcher.retriever.listen(watcher::changed);
        return watcher;
    }

    private void changed(ConfigChange change) {
        String text = change.getNewConfiguration().getString(TEXT);
        if (text == null) {
            LOG.warn("Config file {} cannot be read; the running configuration stays until it can", file);
        } else {
            offer(text);
        }
    }

    /**
     * A text the file was seen to hold: applied if the file still holds it after a moment (else the write is still
     * going on, and the next scan offers what it became).
     */
    void offer(String text) {
        vertx.setTimer(settleMs, id -> worker.executeBlocking(() -> {
            String now;
            try {
                now = ConfigLoader.read(file);
            } catch (ConfigException e) {
                return false; // gone or unreadable for now: the running configuration stays
            }
            return now.equals(text) && reload(text);
        }, true));
    }

    /** Applies {@code text} unless it is the text in force or invalid; answers whether it was applied. */
    boolean reload(String text) {
        if (text.equals(applied)) {
            return false;
        }
        applied = text;
        if (text.isBlank()) {
            String message = "config file " + file + " is empty (being written?); the running configuration stays";
            LOG.warn("Config reload rejected: {}", message);
            listener.refused(message);
            return false;
        }
        BallastConfig candidate;
        try {
            candidate = new ConfigLoader().load(file, text, env);
        } catch (ConfigException e) {
            LOG.error("Config reload rejected, the running configuration stays: {}", e.getMessage());
            listener.refused(e.getMessage());
            return false;
        }
        BallastConfig before = live.get();
        List<String> needRestart = live.reload(candidate);
        if (!needRestart.isEmpty()) {
            LOG.warn("Config reload: {} changed but take effect only after a restart", needRestart);
        }
        LOG.info("Config reloaded from {}", file);
        listener.applied(before, live.get());
        return true;
    }

    @Override
    public void close() {
        retriever.close();
        worker.close();
    }
}
