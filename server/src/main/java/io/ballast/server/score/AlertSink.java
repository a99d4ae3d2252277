package io.ballast.server.score;

import java.util.List;

/** Where alerts go the first time they hold: a webhook, or nowhere. */
@FunctionalInterface
public interface AlertSink {

    /** Called from the scoring worker with alerts that did not hold after the previous recompute. */
    void fired(List<Alert> alerts);
}
