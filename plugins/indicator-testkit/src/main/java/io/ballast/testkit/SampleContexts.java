package io.ballast.testkit;

import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.PolicyEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

/**
 * The contexts the {@link IndicatorContract} checks measure: the default sample, and the variants derived from a
 * sample (scaled values, every value at an extreme, seeded random mixes, later years added). Each keeps the sample's
 * region, period and settings, and is the same on every run.
 */
final class SampleContexts {

    private SampleContexts() {
    }

    /** The default sample that {@link IndicatorContract#sample()} describes. */
    static TestContext defaultSample(IndicatorDescriptor descriptor) {
        TestContext.Builder builder = TestContext.of("CHN", 2023).defaultsOf(descriptor);
        Random random = new Random(0xBA11A57L);
        for (String code : new LinkedHashSet<>(descriptor.inputs())) {
            for (int year = 2015; year <= 2024; year++) {
                builder.value(code, year, Math.round(random.nextDouble() * 10_000) / 100.0);
            }
        }
        return builder.build();
    }

    /** Values every input gets in turn for all years, and that random contexts mix in. */
    static double[] extremes() {
        return new double[] {0, -0.0, 1, -1, 1e-9, -1e-9, 100, -100, 1e6, 1e9, -1e9};
    }

    /** The descriptor's inputs, then any other series the sample holds. */
    static List<String> seriesOf(IndicatorDescriptor descriptor, TestContext sample) {
        Set<String> codes = new LinkedHashSet<>(descriptor.inputs());
        codes.addAll(sample.seriesCodes());
        return List.copyOf(codes);
    }

    /** The sample with every value scaled by a factor between 0.5 and 1.5 (zeros become 1). */
    static TestContext perturbed(TestContext sample, long seed) {
        Random random = new Random(seed);
        TestContext.Builder builder = sample.toBuilder();
        for (String code : sample.seriesCodes()) {
            for (Map.Entry<Integer, Double> e : sample.series(code).entrySet()) {
                double v = e.getValue();
                builder.value(code, e.getKey(), v == 0 ? 1 : v * (0.5 + random.nextDouble()));
            }
        }
        return builder.build();
    }

    /**
     * For the years {@code from} to {@code to}: one context per extreme with every series at it, one swinging between
     * 1e9 and -1e9 year by year, then 300 random contexts drawn from a fixed seed.
     */
    static List<TestContext> extremeAndRandom(TestContext sample, List<String> codes, int from, int to) {
        List<TestContext> contexts = new ArrayList<>();
        for (double extreme : extremes()) {
            TestContext.Builder all = sample.toBuilder().withoutValues();
            for (String code : codes) {
                for (int year = from; year <= to; year++) {
                    all.value(code, year, extreme);
                }
            }
            contexts.add(all.build());
        }
        TestContext.Builder swings = sample.toBuilder().withoutValues();
        for (String code : codes) {
            for (int year = from; year <= to; year++) {
                swings.value(code, year, year % 2 == 0 ? 1e9 : -1e9);
            }
        }
        contexts.add(swings.build());
        Random random = new Random(20_240_607L);
        for (int i = 0; i < 300; i++) {
            contexts.add(randomContext(sample, codes, from, to, random));
        }
        return contexts;
    }

    /**
     * Variants of {@code base} (values up to {@code period}) with later data: {@code full}, then the years
     * {@code period + 1} to {@code period + 3} of every series filled with 0, 1, 100, 1e9, -1e9 or random values, then
     * a policy event dated after the period.
     */
    static List<TestContext> withLaterYears(TestContext base, TestContext full, List<String> codes, int period,
                                            Random random) {
        List<TestContext> later = new ArrayList<>();
        later.add(full);
        // the later years get the same value throughout, or random values for NaN
        for (double fill : new double[] {0, 1, 100, 1e9, -1e9, Double.NaN}) {
            TestContext.Builder builder = base.toBuilder();
            for (String code : codes) {
                for (int year = period + 1; year <= period + 3; year++) {
                    double value = Double.isNaN(fill) ? Math.round(random.nextDouble() * 10_000) / 100.0 : fill;
                    builder.value(code, year, value);
                }
            }
            later.add(builder.build());
        }
        later.add(base.toBuilder().event(new PolicyEvent("later-rule", LocalDate.of(period + 1, 6, 1), "USA",
                List.of(base.region()), "country-rule", "tighten", "targeted", OptionalInt.empty(),
                "A rule dated after the period")).build());
        return later;
    }

    /** A context with the sample's region, period and settings and values drawn from a mix of ranges. */
    static TestContext randomContext(TestContext sample, List<String> codes, int from, int to, Random random) {
        TestContext.Builder builder = sample.toBuilder().withoutValues();
        double[] extremes = extremes();
        for (String code : codes) {
            for (int year = from; year <= to; year++) {
                double draw = random.nextDouble();
                double value;
                if (draw < 0.10) {
                    continue;
                } else if (draw < 0.35) {
                    value = extremes[random.nextInt(extremes.length)];
                } else if (draw < 0.55) {
                    value = random.nextDouble() * 100;
                } else if (draw < 0.70) {
                    value = random.nextDouble() * 200 - 100;
                } else if (draw < 0.85) {
                    value = Math.pow(10, random.nextDouble() * 12 - 3);
                } else {
                    var own = sample.value(code, year);
                    value = (own.isPresent() ? own.getAsDouble() : random.nextDouble() * 100)
                            * (random.nextDouble() * 5 - 2);
                }
                builder.value(code, year, value);
            }
        }
        return builder.build();
    }
}
