package io.ballast.server.indicator;

import io.ballast.api.IndicatorContext;
import io.ballast.api.MissingDataPolicy;
import io.ballast.api.PolicyEvent;
import io.ballast.server.indicator.RunnerProtocol.Measure;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The context a plugin sees in a runner JVM: the values the server sent with a {@link Measure} request, for one
 * period, noting every value the plugin read so the server can replay those reads on its own context.
 */
final class RunnerContext implements IndicatorContext {
    private final Measure request;
    private final int period;
    private final MissingDataPolicy policy;
    private final List<PolicyEvent> events;
    private final Clock clock;
    private final Map<String, Double> settings;
    private final Map<String, TreeSet<Integer>> reads = new TreeMap<>();

    RunnerContext(Measure request, int period, MissingDataPolicy policy, List<PolicyEvent> events, Clock clock) {
        this.request = request;
        this.settings = Map.copyOf(request.settings()); // unmodifiable, as the server's own context gives them
        this.period = period;
        this.policy = policy;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String region() {
        return request.region();
    }

    @Override
    public int period() {
        return period;
    }

    @Override
    public synchronized OptionalDouble value(String seriesCode, int year) {
        Double v = request.series().getOrDefault(seriesCode, Map.of()).get(year);
        if (v == null) {
            return OptionalDouble.empty();
        }
        reads.computeIfAbsent(seriesCode, k -> new TreeSet<>()).add(year);
        return OptionalDouble.of(v);
    }

    @Override
    public Map<String, Double> settings() {
        return settings;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public MissingDataPolicy missingData() {
        return policy;
    }

    @Override
    public List<PolicyEvent> events() {
        return events;
    }

    synchronized Map<String, List<Integer>> reads() {
        Map<String, List<Integer>> out = new TreeMap<>();
        reads.forEach((code, years) -> out.put(code, List.copyOf(years)));
        return out;
    }
}
