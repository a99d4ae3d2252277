package io.ballast.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The configuration in force. Regions, indicator weights and settings, scoring and alert rules can change while the
 * server runs; everything else (ports, paths, security, limits) needs a restart, and a reload that changes it says
 * so and keeps the running value.
 */
public final class LiveConfig {

    private final AtomicReference<BallastConfig> current;

    public LiveConfig(BallastConfig initial) {
        this.current = new AtomicReference<>(initial);
    }

    /** The configuration in force now. */
    public BallastConfig get() {
        return current.get();
    }

    /**
     * Takes the reloadable parts of {@code candidate}; answers the keys that changed but need a restart (their
     * running values stay).
     */
    public List<String> apply(BallastConfig candidate) {
        BallastConfig old = current.get();
        List<String> needRestart = new ArrayList<>();
        check(needRestart, "server", old.server(), candidate.server());
        check(needRestart, "data", old.data(), candidate.data());
        check(needRestart, "plugins", old.plugins(), candidate.plugins());
        check(needRestart, "ingest", old.ingest(), candidate.ingest());
        check(needRestart, "stream", old.stream(), candidate.stream());
        check(needRestart, "security", old.security(), candidate.security());
        check(needRestart, "logging", old.logging(), candidate.logging());
        check(needRestart, "connectors", old.connectors(), candidate.connectors());
        check(needRestart, "alerts.webhook", old.alerts().webhook(), candidate.alerts().webhook());
        var alerts = new BallastConfig.Alerts(candidate.alerts().rules(), old.alerts().webhook(),
                old.alerts().retries(), old.alerts().timeoutMs());
        current.set(new BallastConfig(old.server(), old.data(), candidate.regions(), candidate.scoring(),
                candidate.indicators(), old.plugins(), alerts, old.ingest(), old.stream(), old.security(),
                old.logging(), old.connectors()));
        return needRestart;
    }

    private static void check(List<String> needRestart, String key, Object before, Object after) {
        if (!before.equals(after)) {
            needRestart.add(key);
        }
    }
}
