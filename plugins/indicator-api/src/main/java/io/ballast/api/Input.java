package io.ballast.api;

import java.util.List;
import java.util.OptionalDouble;

/** How one component's raw value is read from the context: a series' level, its logarithm, a change or a ratio. */
public interface Input {

    /** The series codes this input reads. */
    List<String> series();

    /** The raw value for the context's region in a year, or empty when an input series has no value. */
    OptionalDouble read(IndicatorContext context, int year);

    /** The label of the series column in a component, e.g. {@code BX.KLT.DINV.WD.GD.ZS}. */
    default String seriesLabel() {
        return String.join("/", series());
    }

    /** A derived value that overflowed is no value at all: the input counts as missing, never as infinity. */
    private static OptionalDouble finite(double value) {
        return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    /** The series' value itself. */
    static Input level(String code) {
        Checks.notBlank(code, "series code");
        return new Input() {
            @Override
            public List<String> series() {
                return List.of(code);
            }

            @Override
            public OptionalDouble read(IndicatorContext context, int year) {
                return context.value(code, year);
            }
        };
    }

    /** The base-10 logarithm of a positive series, for counts spanning orders of magnitude (patents, say). */
    static Input log10(String code) {
        Input level = level(code);
        return new Input() {
            @Override
            public List<String> series() {
                return level.series();
            }

            @Override
            public OptionalDouble read(IndicatorContext context, int year) {
                OptionalDouble v = level.read(context, year);
                return v.isPresent() && v.getAsDouble() > 0 ? OptionalDouble.of(Math.log10(v.getAsDouble()))
                        : OptionalDouble.empty();
            }
        };
    }

    /** The change of a series over {@code years} years: value(year) minus value(year - years). */
    static Input change(String code, int years) {
        return change(level(code), years);
    }

    /** The change of any input over {@code years} years: its value in the year minus its value {@code years} before. */
    static Input change(Input input, int years) {
        if (years < 1) {
            throw new IllegalArgumentException("a change spans at least one year, not " + years);
        }
        return new Input() {
            @Override
            public List<String> series() {
                return input.series();
            }

            @Override
            public String seriesLabel() {
                return input.seriesLabel() + " (" + years + "-year change)";
            }

            @Override
            public OptionalDouble read(IndicatorContext context, int year) {
                OptionalDouble now = input.read(context, year);
                OptionalDouble before = input.read(context, year - years);
                return now.isPresent() && before.isPresent()
                        ? finite(now.getAsDouble() - before.getAsDouble()) : OptionalDouble.empty();
            }
        };
    }

    /**
     * The mean of a series over the {@code years} years ending with the year, present only when every one of those
     * years has a value: a flow that swings from year to year (FDI, say) read as its recent level.
     */
    static Input average(String code, int years) {
        if (years < 1) {
            throw new IllegalArgumentException("an average spans at least one year, not " + years);
        }
        Checks.notBlank(code, "series code");
        return new Input() {
            @Override
            public List<String> series() {
                return List.of(code);
            }

            @Override
            public String seriesLabel() {
                return code + " (" + years + "-year mean)";
            }

            @Override
            public OptionalDouble read(IndicatorContext context, int year) {
                double sum = 0;
                for (int y = year - years + 1; y <= year; y++) {
                    OptionalDouble v = context.value(code, y);
                    if (v.isEmpty()) {
                        return OptionalDouble.empty();
                    }
                    sum += v.getAsDouble();
                }
                return finite(sum / years);
            }
        };
    }

    /** {@code scale × numerator / denominator}, empty when either is missing or the denominator is zero. */
    static Input ratio(String numerator, String denominator, double scale) {
        Checks.notBlank(numerator, "numerator series code");
        Checks.notBlank(denominator, "denominator series code");
        Checks.finite(scale, "scale");
        return new Input() {
            @Override
            public List<String> series() {
                return List.of(numerator, denominator);
            }

            @Override
            public OptionalDouble read(IndicatorContext context, int year) {
                OptionalDouble n = context.value(numerator, year);
                OptionalDouble d = context.value(denominator, year);
                return n.isPresent() && d.isPresent() && d.getAsDouble() != 0
                        ? finite(scale * n.getAsDouble() / d.getAsDouble()) : OptionalDouble.empty();
            }
        };
    }
}
