package io.ballast.api;

import static io.ballast.api.Direction.HIGHER_IS_BETTER;
import static io.ballast.api.Direction.LOWER_IS_BETTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of every {@link WeightedIndex} reading: monotone in each input's direction on a fixed basket, no reading
 * below the minimum coverage, nothing carried further than the policy allows.
 */
class WeightedIndexPropertiesTest {

    /** Alpha (higher is better, weight 2), Beta (lower is better, weight 1), Gamma (higher is better, weight 1). */
    private final WeightedIndex index = WeightedIndex.named("Property index")
            .capacity("alpha", "Alpha", Input.level("A"), new Goalposts(0, 10, HIGHER_IS_BETTER), 2)
            .vulnerability("beta", "Beta", Input.level("B"), new Goalposts(0, 50, LOWER_IS_BETTER), 1)
            .capacity("gamma", "Gamma", Input.level("C"), new Goalposts(-5, 5, HIGHER_IS_BETTER), 1)
            .build();

    @Property
    void raisingAHigherIsBetterInputNeverLowersTheScore(@ForAll @DoubleRange(min = -20, max = 20) double a,
                                                        @ForAll @DoubleRange(min = 0, max = 10) double step,
                                                        @ForAll @DoubleRange(min = -100, max = 100) double b,
                                                        @ForAll @DoubleRange(min = -10, max = 10) double c) {
        double before = index.measure(context(a, b, c)).score();
        double after = index.measure(context(a + step, b, c)).score();

        assertThat(after).isGreaterThanOrEqualTo(before - 1e-9);
    }

    @Property
    void raisingALowerIsBetterInputNeverRaisesTheScore(@ForAll @DoubleRange(min = -20, max = 20) double a,
                                                       @ForAll @DoubleRange(min = -100, max = 100) double b,
                                                       @ForAll @DoubleRange(min = 0, max = 30) double step,
                                                       @ForAll @DoubleRange(min = -10, max = 10) double c) {
        double before = index.measure(context(a, b, c)).score();
        double after = index.measure(context(a, b + step, c)).score();

        assertThat(after).isLessThanOrEqualTo(before + 1e-9);
    }

    @Property
    void thereIsNoReadingBelowTheMinimumCoverage(@ForAll boolean hasA, @ForAll boolean hasB, @ForAll boolean hasC,
                                                 @ForAll @DoubleRange(min = 0, max = 1) double minCoverage) {
        MapContext context = MapContext.of("CHN", 2023).policy(new MissingDataPolicy(0, minCoverage));
        double present = 0;
        if (hasA) {
            context.with("A", 5);
            present += 2;
        }
        if (hasB) {
            context.with("B", 5);
            present += 1;
        }
        if (hasC) {
            context.with("C", 0);
            present += 1;
        }
        double coverage = present / 4;
        Throwable thrown = catchThrowable(() -> index.measure(context));

        if (coverage == 0 || coverage < minCoverage) {
            assertThat(thrown).isInstanceOf(MissingDataException.class);
        } else {
            assertThat(thrown).isNull();
            assertThat(index.measure(context).coverage()).isEqualTo(coverage);
        }
    }

    @Property
    void nothingIsCarriedFurtherThanThePolicyAllows(@ForAll @IntRange(min = 0, max = 10) int carry,
                                                    @ForAll @IntRange(min = 0, max = 12) int age) {
        // Alpha observed `age` years before 2023, Beta and Gamma in 2023 (half the weight, so a reading always exists)
        MapContext context = MapContext.of("CHN", 2023).policy(new MissingDataPolicy(carry, 0.5))
                .with("A", 2023 - age, 5).with("B", 10).with("C", 1);

        IndicatorReading reading = index.measure(context);

        assertThat(reading.components()).allSatisfy(c -> assertThat(c.lag()).isLessThanOrEqualTo(carry));
        boolean alphaUsed = reading.components().stream().anyMatch(c -> c.key().equals("alpha"));
        assertThat(alphaUsed).isEqualTo(age <= carry);
    }

    private static MapContext context(double a, double b, double c) {
        return MapContext.of("CHN", 2023).with("A", a).with("B", b).with("C", c);
    }
}
