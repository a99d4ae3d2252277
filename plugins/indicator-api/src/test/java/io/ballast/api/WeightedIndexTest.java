package io.ballast.api;

import static io.ballast.api.Direction.HIGHER_IS_BETTER;
import static io.ballast.api.Direction.LOWER_IS_BETTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WeightedIndexTest {

    /** Alpha: A between 0 and 10, higher is better, weight 3. Beta: B between 0 and 50, lower is better, weight 1. */
    private final WeightedIndex index = WeightedIndex.named("Test index")
            .input("alpha", "Alpha", Input.level("A"), new Goalposts(0, 10, HIGHER_IS_BETTER), 3)
            .input("beta", "Beta", Input.level("B"), new Goalposts(0, 50, LOWER_IS_BETTER), 1)
            .build();

    private static MapContext year2023(double a, double b) {
        return MapContext.of("CHN", 2023).with("A", a).with("B", b);
    }

    @Test
    void scoreIsTheWeightedMeanOfTheNormalisedInputs() {
        // Alpha 4 -> 4/10*100 = 40; Beta 10 -> 100*(1 - 10/50) = 80; (3*40 + 1*80) / 4 = 200 / 4 = 50
        var reading = index.measure(year2023(4, 10));

        assertThat(reading.score()).isCloseTo(50, within(1e-9));
        assertThat(reading.coverage()).isCloseTo(1, within(1e-9));
        assertThat(reading.missing()).isEmpty();
        assertThat(reading.components())
                .extracting(Component::label, Component::series, Component::raw, Component::normalised,
                        Component::weight)
                .containsExactly(tuple("Alpha", "A", 4.0, 40.0, 3.0), tuple("Beta", "B", 10.0, 80.0, 1.0));
    }

    @Test
    void aMissingInputLowersCoverageAndIsNamed() {
        // only Alpha: 40 with weight 3 -> score 40; coverage 3 / (3 + 1) = 0.75
        var reading = index.measure(MapContext.of("CHN", 2023).with("A", 4));

        assertThat(reading.score()).isCloseTo(40, within(1e-9));
        assertThat(reading.coverage()).isCloseTo(0.75, within(1e-9));
        assertThat(reading.missing()).containsExactly("B");
        assertThat(reading.components()).extracting(Component::label).containsExactly("Alpha");
        assertThat(reading.explanation()).endsWith("; no data for B.");
    }

    @Test
    void coverageCountsWeightNotInputs() {
        // only Beta: coverage 1 / (3 + 1) = 0.25, score is Beta's 80 (a deployment allowing readings that thin)
        var reading = index.measure(MapContext.of("CHN", 2023).with("B", 10).policy(new MissingDataPolicy(2, 0.2)));

        assertThat(reading.score()).isCloseTo(80, within(1e-9));
        assertThat(reading.coverage()).isCloseTo(0.25, within(1e-9));
        assertThat(reading.missing()).containsExactly("A");
    }

    @Test
    void givesNoReadingBelowThePolicysMinimumCoverageAndSaysWhy() {
        // only Beta: 25 % of the weight, below the default 70 %: no reading, not Beta's 80 standing in for the index
        assertThatThrownBy(() -> index.measure(MapContext.of("CHN", 2023).with("B", 10)))
                .isInstanceOfSatisfying(MissingDataException.class, e -> {
                    assertThat(e.missing()).containsExactly("A");
                    assertThat(e.getMessage()).isEqualTo("Test index has 25% of its input weight in 2023, below the "
                            + "70% a reading needs: no data for A");
                });
    }

    @Test
    void carriesAValueForwardAtMostThePolicysYearsAndSaysFromWhen() {
        // Beta last observed in 2021: two years back is within the default limit of 2
        var carried = index.measure(MapContext.of("CHN", 2023).with("A", 4).with("B", 2021, 10));

        assertThat(carried.score()).isCloseTo(50, within(1e-9));
        assertThat(carried.components()).extracting(Component::key, Component::lag)
                .containsExactly(tuple("alpha", 0), tuple("beta", 2));
        assertThat(carried.explanation()).endsWith("; carried forward: Beta from 2021.");
        // a year further back is out of reach: Beta is missing and the 75 % left is still enough for a reading
        var tooOld = index.measure(MapContext.of("CHN", 2023).with("A", 4).with("B", 2020, 10));
        assertThat(tooOld.missing()).containsExactly("B");
        assertThat(tooOld.score()).isCloseTo(40, within(1e-9));
        // a deployment that carries nothing
        var none = index.measure(MapContext.of("CHN", 2023).with("A", 4).with("B", 2022, 10)
                .policy(new MissingDataPolicy(0, 0.7)));
        assertThat(none.missing()).containsExactly("B");
    }

    @Test
    void componentsCarryTheirKeyRoleAndGoalposts() {
        var tagged = WeightedIndex.named("Tagged")
                .capacity("alpha", "Alpha", Input.level("A"), new Goalposts(0, 10, HIGHER_IS_BETTER), 1)
                .vulnerability("beta", "Beta", Input.level("B"), new Goalposts(0, 50, LOWER_IS_BETTER), 1)
                .build();

        var reading = tagged.measure(year2023(4, 10));

        assertThat(reading.components()).extracting(Component::key, Component::role, Component::goalposts)
                .containsExactly(
                        tuple("alpha", java.util.Optional.of(Role.CAPACITY),
                                java.util.Optional.of(new Goalposts(0, 10, HIGHER_IS_BETTER))),
                        tuple("beta", java.util.Optional.of(Role.VULNERABILITY),
                                java.util.Optional.of(new Goalposts(0, 50, LOWER_IS_BETTER))));
        assertThat(tagged.basket()).extracting(InputSpec::key, InputSpec::series, InputSpec::role, InputSpec::weight)
                .containsExactly(tuple("alpha", java.util.List.of("A"), java.util.Optional.of(Role.CAPACITY), 1.0),
                        tuple("beta", java.util.List.of("B"), java.util.Optional.of(Role.VULNERABILITY), 1.0));
    }

    @Test
    void throwsMissingDataExceptionWhenEveryInputIsAbsent() {
        var onlyOtherYears = MapContext.of("CHN", 2023).with("A", 2020, 4).with("B", 2024, 10);

        assertThatThrownBy(() -> index.measure(onlyOtherYears))
                .isInstanceOfSatisfying(MissingDataException.class,
                        e -> assertThat(e.missing()).containsExactly("A", "B"));
    }

    @Test
    void settingsOverrideTheGoalposts() {
        // alpha.upper = 20: Alpha 4 -> 4/20*100 = 20; (3*20 + 1*80) / 4 = 140 / 4 = 35
        assertThat(index.measure(year2023(4, 10).setting("alpha.upper", 20)).score()).isCloseTo(35, within(1e-9));
        // alpha.lower = 2: Alpha 4 -> (4-2)/8*100 = 25; (3*25 + 80) / 4 = 155 / 4 = 38.75
        assertThat(index.measure(year2023(4, 10).setting("alpha.lower", 2)).score())
                .isCloseTo(38.75, within(1e-9));
        // beta.lower = 5, beta.upper = 15: Beta 10 -> 100*(1 - 5/10) = 50; (3*40 + 50) / 4 = 42.5
        assertThat(index.measure(year2023(4, 10).setting("beta.lower", 5).setting("beta.upper", 15)).score())
                .isCloseTo(42.5, within(1e-9));
    }

    @Test
    void settingsOverrideTheWeights() {
        // beta.weight = 3: (3*40 + 3*80) / 6 = 60
        var reading = index.measure(year2023(4, 10).setting("beta.weight", 3));

        assertThat(reading.score()).isCloseTo(60, within(1e-9));
        assertThat(reading.components()).extracting(Component::weight).containsExactly(3.0, 3.0);
        // coverage uses the overridden weights too: with alpha.weight = 1 and only Beta present,
        // coverage is 1 / (1 + 1) = 0.5 rather than the default 1 / (3 + 1) = 0.25
        var onlyBeta = index.measure(MapContext.of("CHN", 2023).with("B", 10).setting("alpha.weight", 1)
                .policy(new MissingDataPolicy(2, 0)));
        assertThat(onlyBeta.coverage()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void settingsThatCrossTheGoalpostsAreRejected() {
        assertThatThrownBy(() -> index.measure(year2023(4, 10).setting("alpha.lower", 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("goalpost");
    }

    @Test
    void explanationNamesTheInputThatMovedTheScoreMostAndSaysItRose() {
        // 2022: Alpha 2 -> 20, Beta 30 -> 40. Shifts: Alpha 3*(40-20) = 60, Beta 1*(80-40) = 40: Alpha moved most
        var reading = index.measure(year2023(4, 10).with("A", 2022, 2).with("B", 2022, 30));

        assertThat(reading.explanation())
                .isEqualTo("Test index scores 50.0 in 2023, moved most by Alpha, which rose from 2.00 to 4.00 since 2022.");
    }

    @Test
    void explanationSaysFellWhenTheRawValueOfTheBiggestMoverFell() {
        // 2022: Alpha 3.5 -> 35, Beta 30 -> 40. Shifts: Alpha 3*(40-35) = 15, Beta 1*(80-40) = 40: Beta moved most,
        // its raw value fell from 30 to 10 (which raised the score, as lower is better)
        var reading = index.measure(year2023(4, 10).with("A", 2022, 3.5).with("B", 2022, 30));

        assertThat(reading.explanation())
                .isEqualTo("Test index scores 50.0 in 2023, moved most by Beta, which fell from 30.0 to 10.0 since 2022.");
    }

    @Test
    void explanationPicksTheLargestMoveEvenWhenItPullsTheScoreDown() {
        // 2022: Alpha 9 -> 90, Beta 20 -> 60. Shifts: Alpha 3*(40-90) = -150, Beta 1*(80-60) = 20: Alpha
        var reading = index.measure(year2023(4, 10).with("A", 2022, 9).with("B", 2022, 20));

        assertThat(reading.explanation()).contains("moved most by Alpha, which fell from 9.00 to 4.00 since 2022");
    }

    @Test
    void explanationNamesTheWeakestInputWhenNothingMoved() {
        var noHistory = index.measure(year2023(4, 10));
        var unchanged = index.measure(year2023(4, 10).with("A", 2022, 4).with("B", 2022, 10));

        assertThat(noHistory.explanation())
                .isEqualTo("Test index scores 50.0 in 2023, held back most by Alpha at 4.00 (40 of 100).");
        assertThat(unchanged.explanation()).isEqualTo(noHistory.explanation());
    }

    @Test
    void explanationWritesLargeNumbersWithThousandsSeparators() {
        var patents = WeightedIndex.named("Patents")
                .input("patents", "Patents", Input.level("P"), new Goalposts(0, 2_000_000, HIGHER_IS_BETTER), 1)
                .build();
        // 1,426,644 / 2,000,000 * 100 = 71.3322 -> "71"
        var reading = patents.measure(MapContext.of("CHN", 2023).with("P", 1_426_644));

        assertThat(reading.explanation())
                .isEqualTo("Patents scores 71.3 in 2023, held back most by Patents at 1,426,644 (71 of 100).");
    }

    @Test
    void scoreOfAYearDoesNotChangeWhenTheNextYearArrives() {
        var before = index.measure(year2023(4, 10).with("A", 2022, 2).with("B", 2022, 30));
        var after = index.measure(year2023(4, 10).with("A", 2022, 2).with("B", 2022, 30)
                .with("A", 2024, 10).with("B", 2024, 0));

        assertThat(after.score()).isEqualTo(before.score());
        assertThat(after.explanation()).isEqualTo(before.explanation());
    }

    @Test
    void parametersListLowerUpperAndWeightOfEachInputWithTheirDefaults() {
        assertThat(index.parameters())
                .extracting(Parameter::name, Parameter::defaultValue)
                .containsExactly(
                        tuple("alpha.lower", 0.0), tuple("alpha.upper", 10.0), tuple("alpha.weight", 3.0),
                        tuple("beta.lower", 0.0), tuple("beta.upper", 50.0), tuple("beta.weight", 1.0));
        assertThat(index.parameters()).extracting(Parameter::description)
                .containsExactly("lower goalpost of Alpha", "upper goalpost of Alpha", "weight of Alpha",
                        "lower goalpost of Beta", "upper goalpost of Beta", "weight of Beta");
    }

    @Test
    void inputsListEachSeriesOnceInOrder() {
        var fdi = WeightedIndex.named("Foreign investment")
                .input("fdi", "FDI", Input.level("F"), new Goalposts(0, 5, HIGHER_IS_BETTER), 0.5)
                .input("fdi-trend", "FDI trend", Input.change("F", 3), new Goalposts(-2, 2, HIGHER_IS_BETTER), 0.25)
                .input("chips", "Chips", Input.ratio("C", "M", 100), new Goalposts(0, 15, LOWER_IS_BETTER), 0.25)
                .build();

        assertThat(fdi.inputs()).containsExactly("F", "C", "M");
    }

    @Test
    void builderRejectsBadKeysDuplicatesNegativeWeightsAndAnEmptyIndex() {
        var goalposts = new Goalposts(0, 1, HIGHER_IS_BETTER);
        assertThatThrownBy(() -> WeightedIndex.named("X").input("Bad Key", "L", Input.level("A"), goalposts, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input key");
        assertThatThrownBy(() -> WeightedIndex.named("X").input("a", "L", Input.level("A"), goalposts, 1)
                .input("a", "M", Input.level("B"), goalposts, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("used twice");
        assertThatThrownBy(() -> WeightedIndex.named("X").input("a", "L", Input.level("A"), goalposts, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight of 'a'");
        assertThatThrownBy(() -> WeightedIndex.named("X").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one input");
        assertThatThrownBy(() -> WeightedIndex.named(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Inputs all at their best goalpost must score 100. With weights 0.1, 0.1 and 0.7 the arithmetic mean comes out
     * as 100.00000000000001 (floating-point rounding in Means.arithmetic), which IndicatorReading rejects, so measure
     * throws IllegalArgumentException("score must be within 0.0 and 100.0, was 100.00000000000001").
     */
    @Test
    void inputsAllAtTheirBestScoreAHundredWhateverTheWeights() {
        var threeInputs = WeightedIndex.named("Three")
                .input("a", "A", Input.level("A"), new Goalposts(0, 1, HIGHER_IS_BETTER), 0.1)
                .input("b", "B", Input.level("B"), new Goalposts(0, 1, HIGHER_IS_BETTER), 0.1)
                .input("c", "C", Input.level("C"), new Goalposts(0, 1, HIGHER_IS_BETTER), 0.7)
                .build();

        var reading = threeInputs.measure(MapContext.of("CHN", 2023).with("A", 1).with("B", 1).with("C", 1));

        assertThat(reading.score()).isCloseTo(100, within(1e-9));
    }
}
