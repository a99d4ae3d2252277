package io.ballast.server.indicator;

import io.ballast.api.IndicatorContext;

/**
 * Marks a plugin FAILED when one of its calls went wrong: tells the measurer's listener once, and the host with the
 * cause.
 */
final class FailureReporter {

    private final PluginHost host;
    private final Measurer.Listener listener;

    FailureReporter(PluginHost host, Measurer.Listener listener) {
        this.host = host;
        this.listener = listener;
    }

    void failed(LoadedPlugin plugin, String cause) {
        listener.failed(plugin.id());
        host.fail(plugin.id(), plugin.indicator(), cause);
    }

    /** Where a call was, for a cause: the context's region and period. */
    static String where(IndicatorContext context) {
        return context.region() + " " + context.period();
    }
}
