package io.ballast.indicators.internalcapacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ballast.api.Component;
import io.ballast.api.Indicator;
import io.ballast.api.Parameter;
import io.ballast.testkit.TestContext;
import java.util.ServiceLoader;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class InternalCapacityTest {

    private static final String MANUFACTURING = "NV.IND.MANF.ZS";
    private static final String RND = "GB.XPD.RSDV.GD.ZS";
    private static final String PATENTS = "IP.PAT.RESD";
    private static final String HIGH_TECH = "TX.VAL.TECH.MF.ZS";

    private final InternalCapacity indicator = new InternalCapacity();

    private TestContext.Builder context(String region, int year) {
        return TestContext.of(region, year).defaultsOf(indicator.descriptor());
    }

    private double score(double manufacturing, double rnd, double patents, double highTech) {
        return indicator.measure(context("CHN", 2023).value(MANUFACTURING, manufacturing).value(RND, rnd)
                .value(PATENTS, patents).value(HIGH_TECH, highTech).build()).score();
    }

    @Test
    void descriptorIdIsTheModuleNameAndInputsAreTheFourCapacitySeries() {
        var descriptor = indicator.descriptor();

        assertThat(descriptor.id()).isEqualTo("internal-capacity");
        assertThat(descriptor.inputs()).containsExactly(MANUFACTURING, RND, PATENTS, HIGH_TECH);
        assertThat(descriptor.parameters()).extracting(Parameter::name).containsExactly(
                "manufacturing.lower", "manufacturing.upper", "manufacturing.weight",
                "rnd.lower", "rnd.upper", "rnd.weight",
                "patents.lower", "patents.upper", "patents.weight",
                "high-tech.lower", "high-tech.upper", "high-tech.weight");
    }

    @Test
    void serviceLoaderFindsThePlugin() {
        var found = ServiceLoader.load(Indicator.class).stream()
                .filter(p -> p.type() == InternalCapacity.class)
                .map(ServiceLoader.Provider::get)
                .toList();

        assertThat(found).hasSize(1);
        assertThat(found.get(0).descriptor().id()).isEqualTo("internal-capacity");
    }

    @Test
    void china2023ScoresHighOnManufacturingAndPatents() {
        // manufacturing 27.7 in [10, 35]: 17.7/25*100 = 70.8
        // R&D 2.4 in [0, 4]: 60
        // patents 1,426,644 -> log10 = 6.1543156142329 in [3, 6.5]: 3.1543156142329/3.5*100 = 90.1233032637974
        // high-tech 23.1 in [0, 40]: 57.75
        // 0.3*70.8 + 0.3*60 + 0.2*90.1233032637974 + 0.2*57.75 = 21.24 + 18 + 18.0246606527595 + 11.55
        //   = 68.8146606527595
        var reading = indicator.measure(context("CHN", 2023).value(MANUFACTURING, 27.7).value(RND, 2.4)
                .value(PATENTS, 1_426_644).value(HIGH_TECH, 23.1).build());

        assertThat(reading.score()).isCloseTo(68.8146606527595, within(1e-9));
        assertThat(reading.coverage()).isCloseTo(1, within(1e-9));
        assertThat(reading.components()).extracting(Component::normalised).satisfiesExactly(
                v -> assertThat(v).isCloseTo(70.8, within(1e-9)),
                v -> assertThat(v).isCloseTo(60, within(1e-9)),
                v -> assertThat(v).isCloseTo(90.1233032637974, within(1e-9)),
                v -> assertThat(v).isCloseTo(57.75, within(1e-9)));
        assertThat(reading.components().get(2).raw()).isCloseTo(6.1543156142329, within(1e-9));
    }

    @Test
    void germany2022ScoresOnItsOwnMix() {
        // manufacturing 18.5: 8.5/25*100 = 34
        // R&D 3.1: 3.1/4*100 = 77.5
        // patents 39,824 -> log10 = 4.6001448792645: 1.6001448792645/3.5*100 = 45.7184251218434
        // high-tech 15.6: 15.6/40*100 = 39
        // 0.3*34 + 0.3*77.5 + 0.2*45.7184251218434 + 0.2*39 = 10.2 + 23.25 + 9.1436850243687 + 7.8 = 50.3936850243687
        var reading = indicator.measure(context("DEU", 2022).value(MANUFACTURING, 18.5).value(RND, 3.1)
                .value(PATENTS, 39_824).value(HIGH_TECH, 15.6).build());

        assertThat(reading.score()).isCloseTo(50.3936850243687, within(1e-9));
    }

    @Test
    void aZeroPatentCountHasNoLogarithmAndCountsAsMissing() {
        // patents 0 -> no log10; (0.3*70.8 + 0.3*60 + 0.2*57.75) / 0.8 = (21.24 + 18 + 11.55) / 0.8 = 63.4875
        var reading = indicator.measure(context("CHN", 2023).value(MANUFACTURING, 27.7).value(RND, 2.4)
                .value(PATENTS, 0).value(HIGH_TECH, 23.1).build());

        assertThat(reading.score()).isCloseTo(63.4875, within(1e-9));
        assertThat(reading.coverage()).isCloseTo(0.8, within(1e-9));
        assertThat(reading.missing()).containsExactly(PATENTS);
    }

    @Test
    void explanationWritesPatentsAsTheirLogarithm() {
        // shifts since 2022: manufacturing 27.7 -> 27.7: 0; R&D 2.56 -> 2.4: 0.3*(60 - 64) = -1.2;
        // patents and high-tech unchanged: 0. R&D moved most.
        var reading = indicator.measure(context("CHN", 2023)
                .value(MANUFACTURING, 2022, 27.7).value(RND, 2022, 2.56).value(PATENTS, 2022, 1_426_644)
                .value(HIGH_TECH, 2022, 23.1)
                .value(MANUFACTURING, 27.7).value(RND, 2.4).value(PATENTS, 1_426_644).value(HIGH_TECH, 23.1)
                .build());

        assertThat(reading.explanation()).isEqualTo("Internal capacity scores 68.8 in 2023, moved most by "
                + "R&D expenditure, % of GDP, which fell from 2.56 to 2.40 since 2022.");
    }

    @Test
    void raisingManufacturingNeverLowersTheScore() {
        assertMonotoneIncreasing(m -> score(m, 2.4, 1_426_644, 23.1), 0, 50, 0.5);
    }

    @Test
    void raisingRndNeverLowersTheScore() {
        assertMonotoneIncreasing(r -> score(27.7, r, 1_426_644, 23.1), -1, 6, 0.05);
    }

    @Test
    void raisingPatentsNeverLowersTheScore() {
        // from 10 to 100 million applications, in steps of a factor 1.5
        double first = score(27.7, 2.4, 10, 23.1);
        double previous = first;
        for (double patents = 10; patents <= 1e8; patents *= 1.5) {
            double score = score(27.7, 2.4, patents, 23.1);
            assertThat(score).as("score at %s patents", patents).isGreaterThanOrEqualTo(previous);
            previous = score;
        }
        assertThat(previous).isGreaterThan(first + 1);
    }

    @Test
    void raisingHighTechExportsNeverLowersTheScore() {
        assertMonotoneIncreasing(h -> score(27.7, 2.4, 1_426_644, h), -5, 60, 0.5);
    }

    @Test
    void scoresStayWithinZeroAndHundredForExtremeInputs() {
        double[] shares = {-1e9, -1, 0, 4, 35, 100, 1e9};
        double[] counts = {-5, 0, 1, 999, 1e6, 1e12};
        for (double m : shares) {
            for (double r : shares) {
                for (double p : counts) {
                    for (double h : shares) {
                        assertThat(score(m, r, p, h)).isBetween(0.0, 100.0);
                    }
                }
            }
        }
        assertThat(score(1e9, 1e9, 1e12, 1e9)).isCloseTo(100, within(1e-9));
        assertThat(score(-1e9, -1e9, 1, -1e9)).isCloseTo(0, within(1e-9));
    }

    @Test
    void scoreOfAYearDoesNotChangeWhenTheNextYearArrives() {
        var builder = context("CHN", 2023)
                .value(MANUFACTURING, 2022, 27.7).value(RND, 2022, 2.56).value(PATENTS, 2022, 1_464_605)
                .value(HIGH_TECH, 2022, 23.0)
                .value(MANUFACTURING, 27.7).value(RND, 2.4).value(PATENTS, 1_426_644).value(HIGH_TECH, 23.1);
        var before = indicator.measure(builder.build());

        var after = indicator.measure(builder.value(MANUFACTURING, 2024, 24.9).value(RND, 2024, 2.68)
                .value(PATENTS, 2024, 1_700_000).value(HIGH_TECH, 2024, 22.0).build());

        assertThat(after.score()).isEqualTo(before.score());
        assertThat(after.explanation()).isEqualTo(before.explanation());
    }

    private static void assertMonotoneIncreasing(DoubleUnaryOperator scoreAt, double from, double to, double step) {
        double first = scoreAt.applyAsDouble(from);
        double previous = first;
        for (double raw = from; raw <= to; raw += step) {
            double score = scoreAt.applyAsDouble(raw);
            assertThat(score).as("score at %s", raw).isGreaterThanOrEqualTo(previous);
            previous = score;
        }
        assertThat(previous).as("the input must move the score").isGreaterThan(first + 1);
    }
}
