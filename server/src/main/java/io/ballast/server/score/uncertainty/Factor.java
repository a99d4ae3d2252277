package io.ballast.server.score.uncertainty;

import java.util.Arrays;
import java.util.List;

/**
 * One choice an analyst could defensibly make differently, and how a unit draw u ∈ [0, 1) picks its value: uniformly
 * within a range, or one of a few options.
 */
public sealed interface Factor permits Factor.Uniform, Factor.Choice {

    /** The name reports and sensitivity indices show, such as {@code weight.labor-conditions}. */
    String name();

    /** The value for the unit draw {@code u}; the design only passes draws in [0, 1). */
    double value(double u);

    /** Whether every draw gives the same value (a zero-width range or a single option). */
    boolean isFixed();

    /** A value drawn uniformly in [lo, hi]; lo == hi fixes it. */
    static Factor uniform(String name, double lo, double hi) {
        return new Uniform(name, lo, hi);
    }

    /** One of the options, each with the same probability; the model decides what an option means. */
    static Factor choice(String name, double... options) {
        return new Choice(name, Arrays.stream(options).boxed().toList());
    }

    /** A factor held at one value: the plain choice, as a zero-width range. */
    static Factor fixed(String name, double value) {
        return new Uniform(name, value, value);
    }

    /** Uniform on [lo, hi]. */
    record Uniform(String name, double lo, double hi) implements Factor {
        public Uniform {
            requireName(name);
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
                throw new IllegalArgumentException("factor " + name + ": range [" + lo + ", " + hi
                        + "] must be finite with lo <= hi");
            }
        }

        @Override
        public double value(double u) {
            return lo == hi ? lo : lo + u * (hi - lo);
        }

        @Override
        public boolean isFixed() {
            return lo == hi;
        }
    }

    /** One of n options; the draw u picks option floor(u·n). */
    record Choice(String name, List<Double> options) implements Factor {
        public Choice {
            requireName(name);
            options = List.copyOf(options);
            if (options.isEmpty() || options.stream().anyMatch(o -> !Double.isFinite(o))) {
                throw new IllegalArgumentException("factor " + name + ": needs at least one option, all finite, got "
                        + options);
            }
        }

        @Override
        public double value(double u) {
            int n = options.size();
            return options.get(Math.max(0, Math.min((int) (u * n), n - 1)));
        }

        @Override
        public boolean isFixed() {
            return options.stream().distinct().count() == 1;
        }
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a factor needs a name");
        }
    }
}
