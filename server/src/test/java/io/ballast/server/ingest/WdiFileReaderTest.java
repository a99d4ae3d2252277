package io.ballast.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the World Bank's bulk download format, both variants, and refusing what is not it with line and column. */
class WdiFileReaderTest {

    @Test
    void readsThePerIndicatorFileWithItsPreambleBomAndTrailingCommas() {
        WdiFile file = WdiFileReader.read(WdiFiles.bytes("API_NE.TRD.GNFS.ZS_DS2_en_csv_v2_101.csv"));
        assertThat(file.lastUpdated()).contains("2026-04-08");
        assertThat(file.rows()).extracting(WdiFile.Row::countryCode)
                .containsExactly("ABW", "AFE", "CHN", "DEU", "USA", "WLD");
        WdiFile.Row china = file.rows().get(2);
        assertThat(china.line()).isEqualTo(8);
        assertThat(china.countryName()).isEqualTo("China");
        assertThat(china.indicatorCode()).isEqualTo("NE.TRD.GNFS.ZS");
        assertThat(china.indicatorName()).isEqualTo("Trade (% of GDP)");
        assertThat(china.values()).hasSize(11).containsEntry(1970, 4.82548633004292)
                .containsEntry(2024, 37.1984201388065).doesNotContainKey(2025);
    }

    @Test
    void readsTheCountryFileThatStartsAtTheHeader() {
        WdiFile file = WdiFileReader.read(WdiFiles.bytes("API_CHN_DS2_en_csv_v2_2097.csv"));
        assertThat(file.lastUpdated()).isEmpty();
        assertThat(file.rows()).extracting(WdiFile.Row::indicatorCode).containsExactly("VC.IHR.PSRC.P5",
                "SL.UEM.1524.ZS", "NV.IND.MANF.ZS", "TX.VAL.TECH.MF.ZS", "EN.ATM.CO2E.KT");
        assertThat(file.rows().get(0).indicatorName()).isEqualTo("Intentional homicides (per 100,000 people)");
        assertThat(file.rows().get(1).values()).containsEntry(2023, 15.7).hasSize(5);
        assertThat(file.rows().get(3).values()).isEmpty();
    }

    @Test
    void aValueThatIsNotANumberIsNamedByLineAndYear() {
        assertThatThrownBy(() -> WdiFileReader.read(WdiFiles.bytes("API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_232.csv")))
                .isInstanceOf(WdiFormatException.class)
                .hasMessage("line 7 (DEU, GB.XPD.RSDV.GD.ZS), column 2015: \"n/a\" is not a number");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty | '' | the file is empty",
        "neither preamble nor header | '\"Country\",\"Code\"\n' | line 1: a WDI bulk file starts with",
        "preamble without date line | '\"Data Source\",\"World Development Indicators\",\n\n\"Country Name\"\n' | line 3: expected \"Last Updated Date\"",
        "date not a date | '\"Data Source\",\"WDI\",\n\n\"Last Updated Date\",\"last spring\",\n' | line 3: the Last Updated Date \"last spring\" is not a date",
        "preamble only | '\"Data Source\",\"WDI\",\n\n\"Last Updated Date\",\"2026-04-08\",\n' | the file ends before the header",
        "header with a wrong column | '\"Country Name\",\"Country Code\",\"Series Name\",\"Indicator Code\",\"2020\"\n' | line 1: the header must start with",
        "header without years | '\"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\",\n' | the header has no year columns",
        "year column not a year | '\"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\",\"2020\",\"YR2021\"\n' | line 1, column 6: \"YR2021\" is not a year",
        "year twice | '\"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\",\"2020\",\"2020\"\n' | year 2020 appears twice",
        "short row | 'Country Name,Country Code,Indicator Name,Indicator Code,2020\nChina,CHN\n' | line 2: 2 columns",
        "empty country code | 'Country Name,Country Code,Indicator Name,Indicator Code,2020\nChina,,Trade,NE.TRD.GNFS.ZS,1\n' | line 2: the country code and the indicator code must not be empty",
        "value beyond the years | 'Country Name,Country Code,Indicator Name,Indicator Code,2020,\nChina,CHN,Trade,NE.TRD.GNFS.ZS,1,2\n' | line 2, column 6: a value beyond the last year column (2020)",
        "NaN value | 'Country Name,Country Code,Indicator Name,Indicator Code,2020\nChina,CHN,Trade,NE.TRD.GNFS.ZS,NaN\n' | column 2020: \"NaN\" is not a number",
        "row twice | 'Country Name,Country Code,Indicator Name,Indicator Code,2020\nChina,CHN,Trade,X,1\nChina,CHN,Trade,X,2\n' | line 3: CHN / X appears a second time",
        "unbalanced quote | 'Country Name,Country Code,Indicator Name,Indicator Code,2020\n\"China,CHN,Trade,X,1\n' | the file is not valid CSV"
    })
    void aFileThatIsNotAWdiBulkFileIsRefusedWithWhereAndWhy(String name, String content, String expected) {
        assertThatThrownBy(() -> WdiFileReader.read(content.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WdiFormatException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() {
        byte[] latin1 = "Country Name,Country Code,Indicator Name,Indicator Code,2020\nC\u00f4te d'Ivoire,CIV,X,Y,1\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> WdiFileReader.read(latin1)).isInstanceOf(WdiFormatException.class)
                .hasMessageContaining("not UTF-8 text");
    }
}
