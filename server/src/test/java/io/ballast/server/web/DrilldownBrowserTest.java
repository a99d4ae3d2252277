package io.ballast.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The drill-down: no leftover chart after a failed load, an indicator with data for every economy, named series, no
 * "no data" above a chart with data, the chosen years, consistent units, decimals, minus signs and spelling, and no
 * download offered where there is nothing to download.
 */
@ExtendWith(BrowserSession.class)
class DrilldownBrowserTest {

    private final DashboardPage page = BrowserSession.page();

    private String seriesChartLabel() {
        return (String) page.js("return Chart.getChart('series-chart')?.data.datasets[0]?.label ?? null;");
    }

    private JsonNode reading(String region, String id) {
        for (JsonNode i : page.latest(region).get("indicators")) {
            if (i.get("id").asText().equals(id)) {
                return i;
            }
        }
        return null;
    }

    @Test
    void aSeriesThatFailsToLoadLeavesNoEarlierChartBehindAndLoadsOnceTheConnectionIsBack() {
        String total = page.api("/api/v1/series/SL.UEM.TOTL.ZS?region=CHN").get("name").asText();
        String youth = page.api("/api/v1/series/SL.UEM.1524.ZS?region=CHN").get("name").asText();
        var driver = page.driver();
        BrowserSession.expectConsoleErrors(Pattern.compile("ERR_BLOCKED_BY_CLIENT|ERR_INTERNET_DISCONNECTED"));
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/v1/series/SL.UEM.1524.ZS*")));
        page.open("?indicator=labor-conditions&series=SL.UEM.TOTL.ZS");
        page.waitUntil(Duration.ofSeconds(5), d -> total.equals(seriesChartLabel()));
        page.waitForLive();
        try {
            new Select(page.byId("drill-series")).selectByValue("SL.UEM.1524.ZS");
            page.waitUntil(Duration.ofSeconds(5), d -> page.byId("series-error").isDisplayed());
            assertThat(page.text("series-error")).contains("SL.UEM.1524.ZS");
            assertThat(seriesChartLabel()).as("no chart of the earlier series under the new label").isNull();
            assertThat(page.byId("series-chart").isDisplayed()).isFalse();
            assertThat(page.text("series-provenance")).isEmpty();
            assertThat(page.byId("series-csv").isEnabled()).isFalse();

            // the connection drops and comes back: what failed is loaded again
            driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", true, "latency", 0,
                    "downloadThroughput", -1, "uploadThroughput", -1));
            page.waitUntil(Duration.ofSeconds(10),
                    d -> "offline".equals(page.byId("live-status").getAttribute("data-state")));
            driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        } finally {
            driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                    "downloadThroughput", -1, "uploadThroughput", -1));
            driver.executeCdpCommand("Network.disable", Map.of());
        }
        page.waitForLive();
        page.waitUntil(Duration.ofSeconds(10), d -> youth.equals(seriesChartLabel()));
        assertThat(page.byId("series-error").isDisplayed()).isFalse();
        assertThat(page.text("series-provenance")).contains("SL.UEM.1524.ZS");
    }

    @Test
    void aNonChinaDrillDownOpensOnAnIndicatorWithData() {
        page.open("?region=USA");
        page.waitUntil(Duration.ofSeconds(5), d -> !page.byId("drill-score").getAttribute("data-value").isEmpty());
        String shown = new Select(page.byId("drill-indicator")).getFirstSelectedOption().getAttribute("value");
        assertThat(reading("USA", shown)).as("a reading of " + shown + " for USA").isNotNull();
        assertThat(page.chart("series-chart")).isNotEmpty();

        // switching economy from one whose drill-down showed an indicator the next one lacks
        page.open("?region=CHN&indicator=export-control-exposure");
        new Select(page.byId("region")).selectByValue("KOR");
        page.waitUntil(Duration.ofSeconds(5), d -> "KOR".equals(page.urlParams().get("region"))
                && !page.byId("drill-score").getAttribute("data-value").isEmpty());
        String now = new Select(page.byId("drill-indicator")).getFirstSelectedOption().getAttribute("value");
        assertThat(reading("KOR", now)).isNotNull();
    }

    @Test
    void theSourceSeriesMenuNamesEverySeries() {
        page.open("?indicator=labor-conditions");
        List<WebElement> options = new Select(page.byId("drill-series")).getOptions();
        assertThat(options).hasSizeGreaterThan(2);
        for (WebElement option : options) {
            String code = option.getAttribute("value");
            String name = page.api("/api/v1/series/" + code + "?region=CHN").get("name").asText();
            page.waitUntil(Duration.ofSeconds(5), d -> option.getText().equals(name + " (" + code + ")"));
        }
    }

    @Test
    void anInputMissingFromTheLatestYearIsNotCalledDataLessAboveAChartOfItsData() {
        page.open("?indicator=export-control-exposure");
        JsonNode reading = reading("CHN", "export-control-exposure");
        int year = reading.get("period").asInt();
        assertThat(reading.get("explanation").asText()).as("the server's sentence").contains("no data for");
        String drill = page.text("drilldown");
        assertThat(drill).doesNotContainIgnoringCase("no data for").contains("no " + year + " value for");

        // a missing input that has earlier data: its chart shows that data and says which year it lacks
        new Select(page.byId("drill-series")).selectByValue("TM.VAL.ICTG.ZS.UN");
        page.waitUntil(Duration.ofSeconds(5), d -> page.text("series-provenance").contains("TM.VAL.ICTG.ZS.UN"));
        assertThat(page.chart("series-chart").get(0).points()).isNotEmpty();
        assertThat(page.text("series-gap-note")).contains("no value for " + year).contains("latest value is from");
    }

    @Test
    void theSourceChartShowsOnlyTheChosenYears() {
        page.open("?indicator=foreign-investment&series=BX.KLT.DINV.WD.GD.ZS&from=2010&to=2015");
        page.waitUntil(Duration.ofSeconds(5), d -> page.text("series-provenance").contains("BX.KLT.DINV.WD.GD.ZS"));
        Map<?, ?> x = (Map<?, ?>) page.js("const s = Chart.getChart('series-chart').scales.x; return {min: s.min, "
                + "max: s.max};");
        assertThat(((Number) x.get("min")).intValue()).isEqualTo(2010);
        assertThat(((Number) x.get("max")).intValue()).isEqualTo(2015);
        assertThat(page.chart("series-chart").get(0).byYear().keySet()).containsExactly(2010, 2011, 2012, 2013, 2014,
                2015);
        assertThat(page.driver().findElements(By.cssSelector("#series-table tbody tr"))).hasSize(6);
    }

    @Test
    void unitsDecimalsMinusSignsAndSpellingAreConsistent() {
        page.open("?indicator=foreign-investment&series=BX.KLT.DINV.WD.GD.ZS");
        page.waitUntil(Duration.ofSeconds(5), d -> page.text("series-provenance").contains("BX.KLT.DINV.WD.GD.ZS"));
        String caption = page.byId("series-table").findElement(By.tagName("caption")).getAttribute("textContent");
        assertThat(caption).contains("(% of GDP)").doesNotContain("(% of GDP) (% of GDP)");
        // one number of decimals for every value of the series
        Set<Integer> decimals = new HashSet<>();
        for (WebElement cell : page.driver().findElements(By.cssSelector("#series-table tbody td.num"))) {
            String text = cell.getAttribute("textContent").strip();
            decimals.add(text.contains(".") ? text.length() - text.indexOf('.') - 1 : 0);
        }
        assertThat(decimals).hasSize(1);
        // negative numbers with a real minus sign, in the components and in the explanation
        String components = page.text("drill-components") + " " + page.text("drill-explanation");
        assertThat(components).contains("\u2212");
        Matcher ascii = Pattern.compile("(^|[\\s(])-\\d").matcher(page.text("main"));
        assertThat(ascii.find()).as("a hyphen-minus before a number: " + (ascii.find(0) ? ascii.group() : ""))
                .isFalse();
        // "labor", as the indicator is named, everywhere on the page (the series units included)
        page.open("?indicator=labor-conditions&series=SL.UEM.TOTL.ZS");
        page.waitUntil(Duration.ofSeconds(5), d -> page.text("series-provenance").contains("SL.UEM.TOTL.ZS"));
        assertThat(page.text("series-provenance")).contains("labor force").doesNotContain("labour");
        page.driver().get(BrowserSession.server().uri("/methodology.html").toString());
        assertThat(page.driver().findElement(By.tagName("main")).getText()).doesNotContainIgnoringCase("labour");
    }

    @Test
    void noDownloadIsOfferedWhereThereIsNoData() {
        // Germany has an internal-capacity reading but no observation of manufacturing value added
        assertThat(page.api("/api/v1/series/NV.IND.MANF.ZS?region=DEU").get("points")).isEmpty();
        page.open("?region=DEU&indicator=internal-capacity&series=NV.IND.MANF.ZS");
        page.waitUntil(Duration.ofSeconds(5), d -> page.byId("series-empty").isDisplayed());
        for (String id : List.of("series-csv", "series-png", "series-svg")) {
            assertThat(page.byId(id).isEnabled()).as(id).isFalse();
        }
        assertThat(page.byId("series-chart").isDisplayed()).isFalse();

        page.open("?compare=");
        for (String id : List.of("compare-csv", "compare-png", "compare-svg")) {
            assertThat(page.byId(id).isEnabled()).as(id).isFalse();
        }
        assertThat(page.byId("compare-empty").isDisplayed()).isTrue();
    }
}
