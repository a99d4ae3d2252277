package io.ballast.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvContextTest {

    private static final String RND = "GB.XPD.RSDV.GD.ZS";
    private static final String FDI = "BX.KLT.DINV.WD.GD.ZS";

    private static final String CSV = """
            region,series,period,value
            CHN,GB.XPD.RSDV.GD.ZS,2022,2.56
            CHN,GB.XPD.RSDV.GD.ZS,2023,2.58
            USA,GB.XPD.RSDV.GD.ZS,2023,3.59
            CHN,BX.KLT.DINV.WD.GD.ZS,2022,1.04
            CHN,BX.KLT.DINV.WD.GD.ZS,2023,
            DEU,BX.KLT.DINV.WD.GD.ZS,2023,1.9
            """;

    @Test
    void readsTheValuesOfTheContextsRegionOnly() {
        var context = TestContext.of("CHN", 2023).csv(CSV).build();

        assertThat(context.series(RND)).containsExactly(entry(2022, 2.56), entry(2023, 2.58));
        assertThat(context.series(FDI)).containsExactly(entry(2022, 1.04));
        assertThat(context.seriesCodes()).containsExactly(FDI, RND);
    }

    @Test
    void aBlankValueIsAGap() {
        var context = TestContext.of("CHN", 2023).csv(CSV).build();

        assertThat(context.value(FDI)).isEmpty();
        assertThat(context.value(FDI, 2022)).hasValue(1.04);
    }

    @Test
    void anotherRegionSeesItsOwnValues() {
        var usa = TestContext.of("USA", 2023).csv(CSV).build();
        var jpn = TestContext.of("JPN", 2023).csv(CSV).build();

        assertThat(usa.value(RND)).hasValue(3.59);
        assertThat(usa.value(RND, 2022)).isEmpty();
        assertThat(usa.seriesCodes()).containsExactly(RND);
        assertThat(jpn.seriesCodes()).isEmpty();
    }

    @Test
    void fromCsvReadsAUtf8FileWithAByteOrderMarkCrlfLineEndsAndPadding(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rnd.csv");
        Files.writeString(file, "\uFEFF region , series , period , value \r\n"
                + " CHN , GB.XPD.RSDV.GD.ZS , 2023 , 2.58 \r\n"
                + "\r\n"
                + "CHN,GB.XPD.RSDV.GD.ZS,2022,  \r\n", StandardCharsets.UTF_8);

        var context = TestContext.fromCsv("CHN", 2023, file);

        assertThat(context.region()).isEqualTo("CHN");
        assertThat(context.period()).isEqualTo(2023);
        assertThat(context.value(RND)).hasValue(2.58);
        assertThat(context.value(RND, 2022)).isEmpty();
    }

    @Test
    void columnsMayComeInAnyOrderWithCapitalsQuotesAndExtraColumns() {
        var context = TestContext.of("CHN", 2023).csv(new StringReader("""
                "Period","Value","Source","Series","Region"
                "2023","2.58","World Bank","GB.XPD.RSDV.GD.ZS","CHN"
                2022,-1.5e-1,,GB.XPD.RSDV.GD.ZS,CHN
                """)).build();

        assertThat(context.series(RND)).containsExactly(entry(2022, -0.15), entry(2023, 2.58));
    }

    @Test
    void csvValuesJoinInlineValuesAndSettings() {
        var context = TestContext.of("CHN", 2023)
                .value(FDI, 2021, 1.89)
                .setting("rnd.upper", 4.5)
                .csv(CSV)
                .value(RND, 2.6)
                .build();

        assertThat(context.value(FDI, 2021)).hasValue(1.89);
        assertThat(context.value(FDI, 2022)).hasValue(1.04);
        assertThat(context.value(RND)).hasValue(2.6);
        assertThat(context.settings()).containsOnly(entry("rnd.upper", 4.5));
    }

    @Test
    void aHeaderOnlyFileGivesNoValues() {
        var context = TestContext.of("CHN", 2023).csv("region,series,period,value\n").build();

        assertThat(context.seriesCodes()).isEmpty();
    }

    @Test
    void aMissingHeaderFailsOnLineOne() {
        assertThatThrownBy(() -> TestContext.of("CHN", 2023).csv("CHN,GB.XPD.RSDV.GD.ZS,2023,2.58\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("region,series,period,value");
    }

    @Test
    void aFileNamePassedAsTextIsExplained() {
        assertThatThrownBy(() -> TestContext.of("CHN", 2023).csv("data/rnd.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("csv(Path)");
    }

    @Test
    void anEmptyInputFails() {
        assertThatThrownBy(() -> TestContext.of("CHN", 2023).csv("\uFEFF\n\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void aLineWithTooFewFieldsFailsWithItsLineNumber() {
        assertBadLine("region,series,period,value\nCHN,GB.XPD.RSDV.GD.ZS,2022,2.56\n\nCHN,GB.XPD.RSDV.GD.ZS,2023\n",
                4, "expected 4");
    }

    @Test
    void aLineWithTooManyFieldsFails() {
        assertBadLine("region,series,period,value\nCHN,GB.XPD.RSDV.GD.ZS,2023,2,58\n", 2, "found 5");
    }

    @Test
    void aPeriodThatIsNotAWholeYearFails() {
        assertBadLine("region,series,period,value\nCHN,GB.XPD.RSDV.GD.ZS,2023.5,2.58\n", 2, "2023.5");
        assertBadLine("region,series,period,value\nCHN,GB.XPD.RSDV.GD.ZS,,2.58\n", 2, "whole year");
    }

    @Test
    void aValueThatIsNotAFiniteNumberFails() {
        assertBadLine("region,series,period,value\nCHN,GB.XPD.RSDV.GD.ZS,2023,n/a\n", 2, "'n/a'");
        assertBadLine("region,series,period,value\nCHN,GB.XPD.RSDV.GD.ZS,2023,NaN\n", 2, "'NaN'");
        assertBadLine("region,series,period,value\nCHN,GB.XPD.RSDV.GD.ZS,2023,Infinity\n", 2, "'Infinity'");
        assertBadLine("region,series,period,value\nCHN,GB.XPD.RSDV.GD.ZS,2023,1e999\n", 2, "too large");
        assertBadLine("region,series,period,value\nCHN,GB.XPD.RSDV.GD.ZS,2023,2.5d\n", 2, "'2.5d'");
    }

    @Test
    void aBadLineOfAnotherRegionFailsToo() {
        assertBadLine("region,series,period,value\nCHN,GB.XPD.RSDV.GD.ZS,2023,2.58\nUSA,GB.XPD.RSDV.GD.ZS,x,3\n",
                3, "'x'");
    }

    @Test
    void aBlankRegionOrSeriesFails() {
        assertBadLine("region,series,period,value\n,GB.XPD.RSDV.GD.ZS,2023,2.58\n", 2, "region is blank");
        assertBadLine("region,series,period,value\nCHN, ,2023,2.58\n", 2, "series code is blank");
    }

    @Test
    void aSecondLineForTheSameValueFails() {
        assertBadLine("region,series,period,value\nCHN,GB.XPD.RSDV.GD.ZS,2023,2.58\nCHN,GB.XPD.RSDV.GD.ZS,2023,2.6\n",
                3, "the first is line 2");
    }

    @Test
    void aHeaderNamingAColumnTwiceFails() {
        assertBadLine("region,series,period,value,Value\n", 1, "'value' twice");
    }

    @Test
    void theFileNameIsInTheMessage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.csv");
        Files.writeString(file, "region,series,period,value\nCHN,GB.XPD.RSDV.GD.ZS,2023,abc\n");

        assertThatThrownBy(() -> TestContext.fromCsv("CHN", 2023, file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("broken.csv line 2: ");
    }

    @Test
    void aMissingFileIsAnUncheckedIoException(@TempDir Path dir) {
        assertThatThrownBy(() -> TestContext.fromCsv("CHN", 2023, dir.resolve("absent.csv")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("absent.csv");
    }

    private static void assertBadLine(String csv, int line, String problem) {
        assertThatThrownBy(() -> TestContext.of("CHN", 2023).csv(csv))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line " + line + ": ")
                .hasMessageContaining(problem);
    }
}
