package io.ballast.indicators.internalcapacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ballast.api.Component;
import io.ballast.api.Indicator;
import io.ballast.api.InputSpec;
import io.ballast.api.MissingDataException;
import io.ballast.api.Parameter;
import io.ballast.api.Role;
import io.ballast.testkit.TestContext;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class InternalCapacityTest {

    private static final String MANUFACTURING = "NV.IND.MANF.ZS";
    private static final String RND = "GB.XPD.RSDV.GD.ZS";
    private static final String PATENTS = "IP.PAT.RESD";
    private static final String HIGH_TECH = "TX.VAL.TECH.MF.ZS";

    private final InternalCapacity indicator = new InternalCapacity();

    /** China 2022 (WDI): manufacturing 27.7 % of GDP, R&D 2.49 % of GDP, high-tech 23.1 %; patents last in 2021. */
    private TestContext.Builder china2022() {
        return TestContext.of("CHN", 2022).defaultsOf(indicator.descriptor())
                .value(MANUFACTURING, 2022, 27.7).value(RND, 2022, 2.49).value(PATENTS, 2021, 1_426_644)
                .value(HIGH_TECH, 2022, 23.1);
    }

    @Test
    void descriptorDeclaresFourCapacities() {
        var descriptor = indicator.descriptor();

        assertThat(descriptor.id()).isEqualTo("internal-capacity");
        assertThat(descriptor.version()).isEqualTo("2.0.0");
        assertThat(descriptor.inputs()).containsExactly(MANUFACTURING, RND, PATENTS, HIGH_TECH);
        assertThat(descriptor.parameters()).extracting(Parameter::name).contains("manufacturing.upper",
                "patents.lower", "high-tech.weight");
        assertThat(descriptor.basket()).extracting(InputSpec::key)
                .containsExactly("manufacturing", "rnd", "patents", "high-tech");
        assertThat(descriptor.basket()).extracting(InputSpec::role).containsOnly(Optional.of(Role.CAPACITY));
    }

    @Test
    void serviceLoaderFindsThePlugin() {
        var found = ServiceLoader.load(Indicator.class).stream()
                .filter(p -> p.type() == InternalCapacity.class).map(ServiceLoader.Provider::get).toList();

        assertThat(found).singleElement().extracting(i -> i.descriptor().id()).isEqualTo("internal-capacity");
    }

    @Test
    void china2022ScoresFromItsFourInputsWithPatentsCarriedFrom2021() {
        // manufacturing 27.7 in [0, 40]: 69.25; R&D 2.49 in [0, 5]: 49.8;
        // patents log10(1,426,644) = 6.1543156 in [3, 6.5]: 90.1233033 (the 2021 value, carried one year);
        // high-tech 23.1 in [0, 50]: 46.2; equal weights: (69.25 + 49.8 + 90.1233033 + 46.2) / 4 = 63.8433258
        var reading = indicator.measure(china2022().build());

        assertThat(reading.score()).isCloseTo(63.8433258, within(1e-6));
        assertThat(reading.coverage()).isEqualTo(1.0);
        assertThat(reading.components()).extracting(Component::key, Component::lag).containsExactly(
                org.assertj.core.groups.Tuple.tuple("manufacturing", 0),
                org.assertj.core.groups.Tuple.tuple("rnd", 0),
                org.assertj.core.groups.Tuple.tuple("patents", 1),
                org.assertj.core.groups.Tuple.tuple("high-tech", 0));
        assertThat(reading.explanation()).contains("carried forward: Resident patent applications, log10 from 2021");
    }

    @Test
    void threeOfFourInputsStillGiveAReadingAndTheFourthIsNamed() {
        // Germany has no offline manufacturing series: 75 % of the weight
        var reading = indicator.measure(TestContext.of("DEU", 2022).defaultsOf(indicator.descriptor())
                .value(RND, 3.07).value(PATENTS, 39_824).value(HIGH_TECH, 17.5).build());

        assertThat(reading.coverage()).isEqualTo(0.75);
        assertThat(reading.missing()).containsExactly(MANUFACTURING);
    }

    @Test
    void twoOfFourInputsGiveNoReading() {
        assertThatThrownBy(() -> indicator.measure(TestContext.of("DEU", 2022).defaultsOf(indicator.descriptor())
                .value(RND, 3.07).value(HIGH_TECH, 17.5).build()))
                .isInstanceOf(MissingDataException.class).hasMessageContaining("50% of its input weight");
    }

    @Test
    void moreOfAnyInputNeverLowersTheScore() {
        double base = indicator.measure(china2022().build()).score();
        assertThat(indicator.measure(china2022().value(MANUFACTURING, 2022, 30).build()).score()).isGreaterThan(base);
        assertThat(indicator.measure(china2022().value(RND, 2022, 3).build()).score()).isGreaterThan(base);
        assertThat(indicator.measure(china2022().value(PATENTS, 2021, 2_000_000).build()).score())
                .isGreaterThan(base);
        assertThat(indicator.measure(china2022().value(HIGH_TECH, 2022, 30).build()).score()).isGreaterThan(base);
    }
}
