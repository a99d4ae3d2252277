package io.ballast.server.config;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The configuration in force. Its reloadable half (regions, indicator weights, switches and settings, scoring, alert
 * rules) can be swapped while the server runs; its start-up half stays until a restart.
 */
public final class LiveConfig implements Supplier<BallastConfig> {

    private final AtomicReference<BallastConfig> current;

    public LiveConfig(BallastConfig initial) {
        this.current = new AtomicReference<>(initial);
    }

    /** The configuration in force now. */
    @Override
    public BallastConfig get() {
        return current.get();
    }

    /** The reloadable half in force now. */
    public BallastConfig.Reloadable reloadable() {
        return current.get().reloadable();
    }

    /**
     * Swaps in the reloadable half of {@code candidate}; answers the start-up sections it changed, which keep their
     * running values until a restart.
     */
    public List<String> reload(BallastConfig candidate) {
        BallastConfig before = current.getAndUpdate(c -> c.with(candidate.reloadable()));
        return before.startup().differences(candidate.startup());
    }
}
