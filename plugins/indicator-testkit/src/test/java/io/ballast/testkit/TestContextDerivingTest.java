package io.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class TestContextDerivingTest {

    private static final String FDI = "BX.KLT.DINV.WD.GD.ZS";
    private static final String TRADE = "NE.TRD.GNFS.ZS";

    private final TestContext context = TestContext.of("CHN", 2023)
            .value(FDI, 2022, 1.04).value(FDI, 0.28).value(FDI, 2024, 0.10)
            .value(TRADE, 2022, 38.4)
            .setting("fdi.upper", 5)
            .build();

    @Test
    void seriesCodesAndSeriesListTheValuesInOrder() {
        assertThat(context.seriesCodes()).containsExactly(FDI, TRADE);
        assertThat(context.series(FDI)).containsExactly(entry(2022, 1.04), entry(2023, 0.28), entry(2024, 0.10));
        assertThat(context.series("NY.GDP.MKTP.CD")).isEmpty();
        assertThatThrownBy(() -> context.series(FDI).put(2025, 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toBuilderCopiesEverythingAndLeavesTheOriginalAlone() {
        var copy = context.toBuilder().value(FDI, 9.9).setting("fdi.upper", 8).build();

        assertThat(copy.region()).isEqualTo("CHN");
        assertThat(copy.period()).isEqualTo(2023);
        assertThat(copy.value(FDI)).hasValue(9.9);
        assertThat(copy.value(TRADE, 2022)).hasValue(38.4);
        assertThat(copy.settings()).containsOnly(entry("fdi.upper", 8.0));
        assertThat(context.value(FDI)).hasValue(0.28);
        assertThat(context.settings()).containsOnly(entry("fdi.upper", 5.0));
    }

    @Test
    void withoutSeriesDropsOneSeries() {
        var derived = context.toBuilder().withoutSeries(FDI).build();

        assertThat(derived.seriesCodes()).containsExactly(TRADE);
        assertThat(derived.settings()).containsOnly(entry("fdi.upper", 5.0));
    }

    @Test
    void withoutYearsAfterDropsLaterValuesOnly() {
        var derived = context.toBuilder().withoutYearsAfter(2022).build();

        assertThat(derived.series(FDI)).containsExactly(entry(2022, 1.04));
        assertThat(derived.series(TRADE)).containsExactly(entry(2022, 38.4));
        assertThat(context.toBuilder().withoutYearsAfter(2021).build().seriesCodes()).isEmpty();
    }

    @Test
    void withoutValuesKeepsRegionPeriodAndSettings() {
        var derived = context.toBuilder().withoutValues().build();

        assertThat(derived.seriesCodes()).isEmpty();
        assertThat(derived.region()).isEqualTo("CHN");
        assertThat(derived.period()).isEqualTo(2023);
        assertThat(derived.settings()).containsOnly(entry("fdi.upper", 5.0));
    }

    @Test
    void toStringShowsTheData() {
        assertThat(context).hasToString("TestContext[CHN 2023, BX.KLT.DINV.WD.GD.ZS={2022=1.04, 2023=0.28, "
                + "2024=0.1}, NE.TRD.GNFS.ZS={2022=38.4}, settings={fdi.upper=5.0}]");
    }
}
