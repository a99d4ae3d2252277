package io.ballast.server.indicator;

import io.ballast.api.Health;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorContext;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.IndicatorReading;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The server's stand-in for an indicator that lives in a plugin runner JVM: its descriptor, as the runner sent it,
 * and its calls, sent over the runner's pipe. The {@link Measurer} sends a region's years in one request
 * ({@link #measureBatch}); the plain {@link #measure} exists for callers outside it.
 */
final class RemoteIndicator implements Indicator {

    /** The years probed for a context that cannot hand over its series (one not built by the host). */
    private static final int EARLIEST_PROBED = 1900;

    private final IsolatedJar jar;
    private final int index;
    private final IndicatorDescriptor descriptor;
    private final Duration limit;

    RemoteIndicator(IsolatedJar jar, int index, Duration limit) {
        this.jar = jar;
        this.index = index;
        this.descriptor = jar.descriptors().get(index);
        this.limit = limit;
    }

    @Override
    public IndicatorDescriptor descriptor() {
        return descriptor;
    }

    /** The jar's runner. */
    IsolatedJar jar() {
        return jar;
    }

    @Override
    public IndicatorReading measure(IndicatorContext context) {
        IsolatedJar.Batch batch = jar.measure(request(List.of(context)), limit);
        if (batch.failure().isPresent()) {
            throw new IllegalStateException(batch.failure().get());
        }
        RunnerProtocol.Answer answer = batch.answers().get(0);
        if (answer.missing() != null) {
            throw answer.missing().toApi();
        }
        if (answer.reading() == null) {
            throw new IllegalStateException("measure " + answer.failure());
        }
        return answer.reading().toApi();
    }

    /**
     * Sends the contexts (one region, several years, the same data and settings, as the scorer builds them) as one
     * request. Contexts the host did not build may each hold other data: they go one request each.
     */
    IsolatedJar.Batch measureBatch(List<? extends IndicatorContext> contexts, Duration perCall) {
        if (contexts.stream().allMatch(c -> c instanceof SeriesContext)) {
            return jar.measure(request(contexts), perCall);
        }
        List<RunnerProtocol.Answer> answers = new java.util.ArrayList<>();
        for (IndicatorContext context : contexts) {
            IsolatedJar.Batch one = jar.measure(request(List.of(context)), perCall);
            answers.addAll(one.answers());
            if (one.failure().isPresent()) {
                return new IsolatedJar.Batch(answers, one.failure());
            }
        }
        return new IsolatedJar.Batch(answers, java.util.Optional.empty());
    }

    private RunnerProtocol.Measure request(List<? extends IndicatorContext> contexts) {
        IndicatorContext first = contexts.get(0);
        int lastYear = contexts.stream().mapToInt(IndicatorContext::period).max().orElseThrow();
        Map<String, Map<Integer, Double>> series = new HashMap<>();
        for (String code : descriptor.inputs()) {
            series.put(code, first instanceof SeriesContext host ? host.series(code) : probe(first, code, lastYear));
        }
        var policy = first.missingData();
        return new RunnerProtocol.Measure(index, first.region(),
                contexts.stream().map(IndicatorContext::period).toList(), series, first.settings(),
                policy.carryForwardYears(), policy.minCoverage(),
                first.events().stream().map(RunnerWire.Event::of).toList(), RunnerWire.ClockState.of(first.clock()));
    }

    private static Map<Integer, Double> probe(IndicatorContext context, String code, int lastYear) {
        Map<Integer, Double> values = new HashMap<>();
        for (int year = EARLIEST_PROBED; year <= lastYear + 1; year++) {
            OptionalDouble v = context.value(code, year);
            if (v.isPresent()) {
                values.put(year, v.getAsDouble());
            }
        }
        return values;
    }

    @Override
    public Health checkHealth() {
        RunnerProtocol.HealthAnswer h = jar.health(index, limit);
        return h.healthy() ? new Health(true, h.detail()) : Health.unhealthy(h.detail());
    }

    /** Closing happens per jar: its runner closes every indicator it holds when the jar is unloaded. */
    @Override
    public void close() {
    }
}
