package io.ballast.indicators.exportcontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ballast.api.Component;
import io.ballast.api.Indicator;
import io.ballast.api.Parameter;
import io.ballast.testkit.TestContext;
import java.util.ServiceLoader;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class ExportControlExposureTest {

    private static final String ICT = "TM.VAL.ICTG.ZS.UN";
    private static final String CHIPS = "BAL.IC.IMPORTS.USD";
    private static final String MANUFACTURING = "NV.IND.MANF.CD";
    private static final String ENTITIES = "BAL.EC.ENTITIES";
    private static final String ACTIONS = "BAL.EC.ACTIONS";

    private final ExportControlExposure indicator = new ExportControlExposure();

    private TestContext.Builder context(int year) {
        return TestContext.of("CHN", year).defaultsOf(indicator.descriptor());
    }

    /** China: ICT imports (% of goods imports), chip imports (US$ bn), manufacturing (US$), Entity List, actions. */
    private TestContext.Builder china(int year) {
        return context(year)
                .value(ICT, 2023, 23.7).value(CHIPS, 2023, 349.4).value(MANUFACTURING, 2023, 4.66e12)
                .value(ENTITIES, 2023, 95).value(ACTIONS, 2023, 7)
                .value(ICT, 2024, 22.9).value(CHIPS, 2024, 385).value(MANUFACTURING, 2024, 4.7e12)
                .value(ENTITIES, 2024, 191).value(ACTIONS, 2024, 4);
    }

    private double score(double ict, double chips, double manufacturing, double entities, double actions) {
        return indicator.measure(context(2023).value(ICT, ict).value(CHIPS, chips).value(MANUFACTURING, manufacturing)
                .value(ENTITIES, entities).value(ACTIONS, actions).build()).score();
    }

    @Test
    void descriptorIdIsTheModuleNameAndInputsAreImportsAndControls() {
        var descriptor = indicator.descriptor();

        assertThat(descriptor.id()).isEqualTo("export-control-exposure");
        assertThat(descriptor.inputs()).containsExactly(ICT, CHIPS, MANUFACTURING, ENTITIES, ACTIONS);
        assertThat(descriptor.parameters()).extracting(Parameter::name).containsExactly(
                "ict-imports.lower", "ict-imports.upper", "ict-imports.weight",
                "chip-imports.lower", "chip-imports.upper", "chip-imports.weight",
                "entities.lower", "entities.upper", "entities.weight",
                "actions.lower", "actions.upper", "actions.weight");
    }

    @Test
    void serviceLoaderFindsThePlugin() {
        var found = ServiceLoader.load(Indicator.class).stream()
                .filter(p -> p.type() == ExportControlExposure.class)
                .map(ServiceLoader.Provider::get)
                .toList();

        assertThat(found).hasSize(1);
        assertThat(found.get(0).descriptor().id()).isEqualTo("export-control-exposure");
    }

    @Test
    void china2023ScoresFromImportsAndControls() {
        // ICT 23.7 in [5, 35], lower is better: 100*(1 - 18.7/30) = 37.6666667
        // chips 100e9 * 349.4 / 4.66e12 = 7.4978541 % of manufacturing, in [0, 15]: 100*(1 - 7.4978541/15) = 50.0143062
        // entities 95 in [0, 200]: 100*(1 - 95/200) = 52.5
        // actions 7 in [0, 8]: 100*(1 - 7/8) = 12.5
        // 0.30*37.6666667 + 0.20*50.0143062 + 0.25*52.5 + 0.25*12.5 = 11.3 + 10.0028612 + 13.125 + 3.125 = 37.5528612
        var reading = indicator.measure(china(2023).build());

        assertThat(reading.score()).isCloseTo(37.55286123032904, within(1e-9));
        assertThat(reading.coverage()).isCloseTo(1, within(1e-9));
        assertThat(reading.components()).extracting(Component::raw).satisfiesExactly(
                v -> assertThat(v).isCloseTo(23.7, within(1e-9)),
                v -> assertThat(v).isCloseTo(7.497854077253219, within(1e-9)),
                v -> assertThat(v).isCloseTo(95, within(1e-9)),
                v -> assertThat(v).isCloseTo(7, within(1e-9)));
        assertThat(reading.components()).extracting(Component::series)
                .containsExactly(ICT, CHIPS + "/" + MANUFACTURING, ENTITIES, ACTIONS);
    }

    @Test
    void china2024ScoresLowerAsEntityListingsDouble() {
        // ICT 22.9: 100*(1 - 17.9/30) = 40.3333333
        // chips 100e9 * 385 / 4.7e12 = 8.1914894: 100*(1 - 8.1914894/15) = 45.3900709
        // entities 191: 100*(1 - 191/200) = 4.5; actions 4: 100*(1 - 4/8) = 50
        // 0.30*40.3333333 + 0.20*45.3900709 + 0.25*4.5 + 0.25*50 = 12.1 + 9.0780142 + 1.125 + 12.5 = 34.8030142
        var reading = indicator.measure(china(2024).build());

        assertThat(reading.score()).isCloseTo(34.80301418439716, within(1e-9));
        assertThat(reading.score()).isLessThan(indicator.measure(china(2023).build()).score());
    }

    @Test
    void explanationNamesTheRiseInEntityListings() {
        // shifts since 2023: ICT 0.30*(40.333 - 37.667) = +0.8; chips 0.20*(45.390 - 50.014) = -0.925;
        // entities 0.25*(4.5 - 52.5) = -12; actions 0.25*(50 - 12.5) = +9.375 -> entities moved most
        var reading = indicator.measure(china(2024).build());

        assertThat(reading.explanation()).isEqualTo("Export-control exposure scores 34.8 in 2024, moved most by "
                + "Entities added to the US Entity List, which rose from 95.0 to 191.0 since 2023.");
    }

    @Test
    void aYearWithoutEntityListDataScoresOnTheRest() {
        // 2022: ICT 22.5: 100*(1 - 17.5/30) = 41.6666667; chips 100e9 * 400 / 5e12 = 8: 100*(1 - 8/15) = 46.6666667
        // actions 3: 100*(1 - 3/8) = 62.5; entities missing
        // (0.30*41.6666667 + 0.20*46.6666667 + 0.25*62.5) / 0.75 = (12.5 + 9.3333333 + 15.625) / 0.75 = 899/18
        var reading = indicator.measure(context(2022).value(ICT, 22.5).value(CHIPS, 400).value(MANUFACTURING, 5e12)
                .value(ACTIONS, 3).build());

        assertThat(reading.score()).isCloseTo(899.0 / 18, within(1e-9));
        assertThat(reading.coverage()).isCloseTo(0.75, within(1e-9));
        assertThat(reading.missing()).containsExactly(ENTITIES);
    }

    @Test
    void chipImportsWithoutManufacturingDataAreMissingUnderTheRatioLabel() {
        var reading = indicator.measure(context(2023).value(ICT, 23.7).value(CHIPS, 349.4)
                .value(ENTITIES, 95).value(ACTIONS, 7).build());

        assertThat(reading.missing()).containsExactly(CHIPS + "/" + MANUFACTURING);
        assertThat(reading.coverage()).isCloseTo(0.8, within(1e-9));
    }

    @Test
    void raisingIctImportsNeverRaisesTheScore() {
        assertMonotone(ict -> score(ict, 349.4, 4.66e12, 95, 7), 0, 50, 0.5, false);
    }

    @Test
    void raisingChipImportsNeverRaisesTheScore() {
        assertMonotone(chips -> score(23.7, chips, 4.66e12, 95, 7), 0, 1000, 10, false);
    }

    @Test
    void raisingManufacturingValueAddedNeverLowersTheScore() {
        // a larger denominator means chip imports weigh less
        assertMonotone(trillions -> score(23.7, 349.4, trillions * 1e12, 95, 7), 0.5, 20, 0.25, true);
    }

    @Test
    void raisingEntityListingsNeverRaisesTheScore() {
        assertMonotone(entities -> score(23.7, 349.4, 4.66e12, entities, 7), 0, 300, 5, false);
    }

    @Test
    void raisingExportControlActionsNeverRaisesTheScore() {
        assertMonotone(actions -> score(23.7, 349.4, 4.66e12, 95, actions), 0, 12, 1, false);
    }

    @Test
    void scoresStayWithinZeroAndHundredForExtremeInputs() {
        double[] shares = {-1e6, 0, 5, 35, 1e6};
        double[] dollars = {-1e12, 1, 1e12, 1e15};
        double[] counts = {-100, 0, 8, 200, 1e6};
        for (double ict : shares) {
            for (double chips : dollars) {
                for (double manufacturing : dollars) {
                    for (double entities : counts) {
                        for (double actions : counts) {
                            assertThat(score(ict, chips, manufacturing, entities, actions)).isBetween(0.0, 100.0);
                        }
                    }
                }
            }
        }
        assertThat(score(0, 0, 1e12, 0, 0)).isCloseTo(100, within(1e-9));
        assertThat(score(1e6, 1e15, 1, 1e6, 1e6)).isCloseTo(0, within(1e-9));
    }

    @Test
    void scoreOfAYearDoesNotChangeWhenTheNextYearArrives() {
        var builder = context(2024)
                .value(ICT, 2023, 23.7).value(CHIPS, 2023, 349.4).value(MANUFACTURING, 2023, 4.66e12)
                .value(ENTITIES, 2023, 95).value(ACTIONS, 2023, 7)
                .value(ICT, 22.9).value(CHIPS, 385).value(MANUFACTURING, 4.7e12).value(ENTITIES, 191).value(ACTIONS, 4);
        var before = indicator.measure(builder.build());

        var after = indicator.measure(builder.value(ICT, 2025, 30).value(CHIPS, 2025, 500)
                .value(MANUFACTURING, 2025, 4.8e12).value(ENTITIES, 2025, 20).value(ACTIONS, 2025, 8).build());

        assertThat(after.score()).isEqualTo(before.score());
        assertThat(after.explanation()).isEqualTo(before.explanation());
        assertThat(after.score()).isCloseTo(34.80301418439716, within(1e-9));
    }

    private static void assertMonotone(DoubleUnaryOperator scoreAt, double from, double to, double step,
                                       boolean increasing) {
        double first = scoreAt.applyAsDouble(from);
        double previous = first;
        for (double raw = from; raw <= to; raw += step) {
            double score = scoreAt.applyAsDouble(raw);
            if (increasing) {
                assertThat(score).as("score at %s", raw).isGreaterThanOrEqualTo(previous);
            } else {
                assertThat(score).as("score at %s", raw).isLessThanOrEqualTo(previous);
            }
            previous = score;
        }
        assertThat(previous).as("the input must move the score").isNotCloseTo(first, within(1.0));
    }
}
