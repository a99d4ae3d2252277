package io.ballast.server.indicator;

import io.ballast.api.IndicatorContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures a plugin out of process: the runner answers each year as it goes, within the time limit per call; a runner
 * that misses a deadline, exits or starts threads has been killed, and the plugin fails with that cause. The values
 * the plugin read in the runner are read again on the server's context, and every reading is rebuilt through the
 * API's records.
 */
final class RemoteMeasurer {

    private final Duration limit;
    private final Measurer.Listener listener;
    private final FailureReporter failures;

    RemoteMeasurer(Duration limit, Measurer.Listener listener, FailureReporter failures) {
        this.limit = limit;
        this.listener = listener;
        this.failures = failures;
    }

    List<Measurement> measureAll(LoadedPlugin plugin, RemoteIndicator remote,
                                 List<? extends IndicatorContext> contexts) {
        IsolatedJar.Batch batch = remote.measureBatch(contexts, limit);
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < contexts.size(); i++) {
            if (i >= batch.answers().size()) {
                out.add(Measurement.NONE);
                continue;
            }
            RunnerProtocol.Answer answer = batch.answers().get(i);
            IndicatorContext context = contexts.get(i);
            listener.measured(plugin.id(), Duration.ofNanos(answer.nanos()));
            answer.reads().forEach((code, years) -> years.forEach(year -> context.value(code, year)));
            try {
                if (answer.missing() != null) {
                    out.add(Measurement.missing(answer.missing().toApi()));
                } else if (answer.reading() != null) {
                    out.add(Measurement.of(answer.reading().toApi()));
                } else {
                    failures.failed(plugin, "measure " + answer.failure() + " for " + FailureReporter.where(context));
                    return fill(out, contexts.size());
                }
            } catch (IllegalArgumentException | NullPointerException e) {
                remote.jar().kill("it sent an invalid reading");
                failures.failed(plugin, "measure returned an invalid reading for " + FailureReporter.where(context)
                        + ": " + e.getMessage());
                return fill(out, contexts.size());
            }
        }
        batch.failure().ifPresent(cause -> failures.failed(plugin, cause));
        return out;
    }

    private static List<Measurement> fill(List<Measurement> sofar, int size) {
        while (sofar.size() < size) {
            sofar.add(Measurement.NONE);
        }
        return sofar;
    }
}
