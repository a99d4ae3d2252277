package io.ballast.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class InputTest {

    private static final String FDI = "BX.KLT.DINV.WD.GD.ZS";

    private final MapContext china = MapContext.of("CHN", 2023)
            .with(FDI, 2020, 1.69)
            .with(FDI, 2022, 1.04)
            .with(FDI, 2023, 0.28)
            .with("IP.PAT.RESD", 2023, 1_426_644)
            .with("IP.PAT.RESD", 2022, 0)
            .with("IP.PAT.RESD", 2021, -5)
            .with("BAL.IC.IMPORTS.USD", 2022, 400)
            .with("BAL.IC.IMPORTS.USD", 2023, 349.4)
            .with("NV.IND.MANF.CD", 2022, 5e12)
            .with("NV.IND.MANF.CD", 2023, 0);

    @Test
    void levelReadsTheSeriesValueOfTheYear() {
        var level = Input.level(FDI);
        assertThat(level.series()).containsExactly(FDI);
        assertThat(level.seriesLabel()).isEqualTo(FDI);
        assertThat(level.read(china, 2023).getAsDouble()).isCloseTo(0.28, within(1e-9));
        assertThat(level.read(china, 2022).getAsDouble()).isCloseTo(1.04, within(1e-9));
        assertThat(level.read(china, 2021)).isEmpty();
    }

    @Test
    void log10ReadsTheLogarithmOfAPositiveValue() {
        var patents = Input.log10("IP.PAT.RESD");
        assertThat(patents.series()).containsExactly("IP.PAT.RESD");
        // log10(1,426,644) = 6.154315614232908...
        assertThat(patents.read(china, 2023).getAsDouble()).isCloseTo(6.154315614232908, within(1e-9));
    }

    @Test
    void log10OfZeroOrANegativeValueIsEmpty() {
        var patents = Input.log10("IP.PAT.RESD");
        assertThat(patents.read(china, 2022)).isEmpty();
        assertThat(patents.read(china, 2021)).isEmpty();
        assertThat(patents.read(china, 2020)).isEmpty();
    }

    @Test
    void changeIsTheValueMinusTheValueNYearsBefore() {
        var trend = Input.change(FDI, 3);
        assertThat(trend.series()).containsExactly(FDI);
        assertThat(trend.seriesLabel()).isEqualTo(FDI + " (3-year change)");
        // 0.28 - 1.69 = -1.41
        assertThat(trend.read(china, 2023).getAsDouble()).isCloseTo(-1.41, within(1e-9));
        // 0.28 - 1.04 = -0.76
        assertThat(Input.change(FDI, 1).read(china, 2023).getAsDouble()).isCloseTo(-0.76, within(1e-9));
    }

    @Test
    void changeIsEmptyWhenEitherEndIsMissing() {
        // 2022 - 3 = 2019 is absent; 2024 itself is absent
        assertThat(Input.change(FDI, 3).read(china, 2022)).isEmpty();
        assertThat(Input.change(FDI, 1).read(china, 2024)).isEmpty();
    }

    @Test
    void changeRejectsASpanBelowOneYear() {
        assertThatThrownBy(() -> Input.change(FDI, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one year");
    }

    @Test
    void ratioScalesNumeratorOverDenominator() {
        var chips = Input.ratio("BAL.IC.IMPORTS.USD", "NV.IND.MANF.CD", 100e9);
        assertThat(chips.series()).containsExactly("BAL.IC.IMPORTS.USD", "NV.IND.MANF.CD");
        assertThat(chips.seriesLabel()).isEqualTo("BAL.IC.IMPORTS.USD/NV.IND.MANF.CD");
        // 100e9 * 400 / 5e12 = 8
        assertThat(chips.read(china, 2022).getAsDouble()).isCloseTo(8, within(1e-9));
    }

    @Test
    void ratioWithAZeroOrMissingDenominatorIsEmpty() {
        var chips = Input.ratio("BAL.IC.IMPORTS.USD", "NV.IND.MANF.CD", 100e9);
        assertThat(chips.read(china, 2023)).isEmpty();
        assertThat(chips.read(china, 2021)).isEmpty();
        var noNumerator = MapContext.of("CHN", 2023).with("NV.IND.MANF.CD", 5e12);
        assertThat(chips.read(noNumerator, 2023)).isEmpty();
    }

    @Test
    void factoriesRejectBlankSeriesCodes() {
        assertThatThrownBy(() -> Input.level(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Input.log10("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Input.ratio("A", " ", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Input.ratio("A", "B", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void derivedValuesThatOverflowCountAsMissingRatherThanInfinite() {
        var context = MapContext.of("CHN", 2023).with("A", 62.0).with("B", 1e-300)
                .with("C", 2023, 1.7e308).with("C", 2020, -1.7e308);
        org.assertj.core.api.Assertions.assertThat(Input.ratio("A", "B", 100e9).read(context, 2023)).isEmpty();
        org.assertj.core.api.Assertions.assertThat(Input.change("C", 3).read(context, 2023)).isEmpty();
    }
}
