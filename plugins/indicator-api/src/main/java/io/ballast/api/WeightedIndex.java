package io.ballast.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The usual shape of an indicator, ready to use: several inputs, each tagged as a vulnerability or a capacity,
 * normalised between fixed goalposts and combined by a weighted arithmetic mean. Goalposts and weights become
 * parameters ({@code <key>.lower}, {@code <key>.upper}, {@code <key>.weight}) so a deployment can override them.
 *
 * <p>Missing inputs follow the context's {@link MissingDataPolicy}: a value absent in the period is carried forward
 * from its last observation for at most the policy's years (the component says from how far back); an input with no
 * value in reach is named in {@code missing()}; with less than the policy's share of the input weight present, there
 * is no reading at all ({@link MissingDataException}), never a mean of the inputs that happen to be there. The
 * explanation names the input that moved the score most since the previous year.
 */
public final class WeightedIndex {

    private final String name;
    private final List<Part> parts;

    private WeightedIndex(String name, List<Part> parts) {
        this.name = name;
        this.parts = List.copyOf(parts);
    }

    /** Starts an index; {@code name} begins each explanation, e.g. "Foreign investment". */
    public static Builder named(String name) {
        return new Builder(Checks.notBlank(name, "index name"));
    }

    /** Every series code the inputs read, for {@link IndicatorDescriptor#inputs()}. */
    public List<String> inputs() {
        var codes = new LinkedHashSet<String>();
        parts.forEach(p -> codes.addAll(p.input.series()));
        return List.copyOf(codes);
    }

    /** The goalposts and weights as parameters with their defaults, for {@link IndicatorDescriptor#parameters()}. */
    public List<Parameter> parameters() {
        var out = new ArrayList<Parameter>();
        for (Part p : parts) {
            out.add(new Parameter(p.key + ".lower", p.goalposts.lower(), "lower goalpost of " + p.label));
            out.add(new Parameter(p.key + ".upper", p.goalposts.upper(), "upper goalpost of " + p.label));
            out.add(new Parameter(p.key + ".weight", p.weight, "weight of " + p.label));
        }
        return out;
    }

    /** The inputs with their keys, roles, default goalposts and weights, for {@link IndicatorDescriptor#basket()}. */
    public List<InputSpec> basket() {
        return parts.stream().map(p -> new InputSpec(p.key, p.label, p.input.series(), p.role, p.goalposts,
                p.weight)).toList();
    }

    /** Measures the context's region and period. */
    public IndicatorReading measure(IndicatorContext context) {
        int year = context.period();
        MissingDataPolicy policy = context.missingData();
        var components = new ArrayList<Component>();
        var missing = new ArrayList<String>();
        double presentWeight = 0;
        double totalWeight = 0;
        Move biggest = null;
        for (Part p : parts) {
            double weight = context.settings().getOrDefault(p.key + ".weight", p.weight);
            Goalposts goalposts = p.goalposts(context);
            totalWeight += weight;
            Optional<Observed> now = p.latest(context, year, policy.carryForwardYears());
            if (now.isEmpty()) {
                missing.add(p.input.seriesLabel());
                continue;
            }
            double raw = now.get().value();
            double normalised = goalposts.normalise(raw);
            components.add(new Component(p.key, p.label, p.input.seriesLabel(), raw, normalised, weight, p.role,
                    Optional.of(goalposts), year - now.get().year()));
            presentWeight += weight;
            Optional<Observed> before = p.latest(context, year - 1, policy.carryForwardYears());
            if (before.isPresent()) {
                double shift = weight * (normalised - goalposts.normalise(before.get().value()));
                if (biggest == null || Math.abs(shift) > Math.abs(biggest.shift)) {
                    biggest = new Move(p.label, before.get().value(), raw, shift);
                }
            }
        }
        if (components.isEmpty()) {
            throw new MissingDataException(missing);
        }
        if (presentWeight == 0) {
            throw new IllegalArgumentException(name + ": every present input has weight 0; check the *.weight "
                    + "settings");
        }
        double coverage = totalWeight == 0 ? 0 : presentWeight / totalWeight;
        if (coverage < policy.minCoverage()) {
            throw new MissingDataException(missing, String.format(Locale.ROOT,
                    "%s has %.0f%% of its input weight in %d, below the %.0f%% a reading needs: no data for %s",
                    name, 100 * coverage, year, 100 * policy.minCoverage(), String.join(", ", missing)),
                    components.stream().map(Component::key).toList(), Math.min(1, coverage));
        }
        double[] values = components.stream().mapToDouble(Component::normalised).toArray();
        double[] weights = components.stream().mapToDouble(Component::weight).toArray();
        // a mean of values within 0-100 is within 0-100; clamping removes floating-point overshoot (100.00000000000001)
        double score = Math.min(100, Math.max(0, Means.arithmetic(values, weights)));
        return new IndicatorReading(score, components, explain(year, score, components, biggest, missing),
                coverage, missing);
    }

    private String explain(int year, double score, List<Component> components, Move biggest, List<String> missing) {
        var text = new StringBuilder(String.format(Locale.ROOT, "%s scores %.1f in %d", name, score, year));
        if (biggest != null && Math.abs(biggest.shift) >= 0.005) {
            text.append(String.format(Locale.ROOT, ", moved most by %s, which %s from %s to %s since %d",
                    biggest.label, biggest.to > biggest.from ? "rose" : "fell",
                    number(biggest.from), number(biggest.to), year - 1));
        } else {
            Component weakest = components.stream()
                    .min((a, b) -> Double.compare(a.normalised(), b.normalised())).orElseThrow();
            text.append(String.format(Locale.ROOT, ", held back most by %s at %s (%.0f of 100)",
                    weakest.label(), number(weakest.raw()), weakest.normalised()));
        }
        List<String> carried = components.stream().filter(Component::carried)
                .map(c -> c.label() + " from " + (year - c.lag())).toList();
        if (!carried.isEmpty()) {
            text.append("; carried forward: ").append(String.join(", ", carried));
        }
        if (!missing.isEmpty()) {
            text.append("; no data for ").append(String.join(", ", missing));
        }
        return text.append('.').toString();
    }

    /** A compact human rendering: 1,234,567 / 45.3 / 1.04. */
    static String number(double value) {
        double abs = Math.abs(value);
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, abs >= 10 ? "%.1f" : "%.2f", value);
    }

    private record Move(String label, double from, double to, double shift) {
    }

    /** A value and the year it is from. */
    private record Observed(double value, int year) {
    }

    private record Part(String key, String label, Input input, Goalposts goalposts, double weight,
                        Optional<Role> role) {
        Goalposts goalposts(IndicatorContext context) {
            double lower = context.settings().getOrDefault(key + ".lower", goalposts.lower());
            double upper = context.settings().getOrDefault(key + ".upper", goalposts.upper());
            return new Goalposts(lower, upper, goalposts.direction());
        }

        /** The input's value in {@code year}, or its last value at most {@code carry} years before. */
        Optional<Observed> latest(IndicatorContext context, int year, int carry) {
            for (int y = year; y >= year - carry; y--) {
                OptionalDouble v = input.read(context, y);
                if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
                    return Optional.of(new Observed(v.getAsDouble(), y));
                }
            }
            return Optional.empty();
        }
    }

    /** Collects the inputs of a {@link WeightedIndex}. */
    public static final class Builder {
        private final String name;
        private final List<Part> parts = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Adds an input that makes a shock hurt more (dependence, joblessness); its goalposts say which way is
         * better, usually {@link Direction#LOWER_IS_BETTER}.
         */
        public Builder vulnerability(String key, String label, Input input, Goalposts goalposts, double weight) {
            return add(key, label, input, goalposts, weight, Optional.of(Role.VULNERABILITY));
        }

        /** Adds an input that helps absorb or adapt to a shock (capital, production, invention). */
        public Builder capacity(String key, String label, Input input, Goalposts goalposts, double weight) {
            return add(key, label, input, goalposts, weight, Optional.of(Role.CAPACITY));
        }

        /**
         * Adds an input without a role (API 1.0). {@code key} (a short lower-case name such as {@code fdi}) names its
         * parameters; the label is what viewers read, such as "FDI net inflows, % of GDP".
         */
        public Builder input(String key, String label, Input input, Goalposts goalposts, double weight) {
            return add(key, label, input, goalposts, weight, Optional.empty());
        }

        private Builder add(String key, String label, Input input, Goalposts goalposts, double weight,
                            Optional<Role> role) {
            Checks.id(key, "input key");
            Checks.notBlank(label, "input label");
            Checks.within(weight, 0, Double.MAX_VALUE, "weight of '" + key + "'");
            if (input == null || goalposts == null) {
                throw new IllegalArgumentException("input '" + key + "' needs an input and goalposts");
            }
            if (parts.stream().anyMatch(p -> p.key.equals(key))) {
                throw new IllegalArgumentException("input key '" + key + "' is used twice");
            }
            parts.add(new Part(key, label, input, goalposts, weight, role));
            return this;
        }

        /** The index; at least one input is required. */
        public WeightedIndex build() {
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("an index needs at least one input");
            }
            return new WeightedIndex(name, parts);
        }
    }
}
