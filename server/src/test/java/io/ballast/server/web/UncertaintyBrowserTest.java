package io.ballast.server.web;

import static io.ballast.server.web.DashboardPage.oneDecimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Year;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * How sure a score is, and what if (issue 14): the composite's band on the history chart, the sensitivity of the
 * composite to each of the analyst's choices, the what-if panel against POST /api/v1/scenarios, and the page while
 * the analysis runs.
 */
@ExtendWith(BrowserSession.class)
class UncertaintyBrowserTest {

    private static final int THIS_YEAR = Year.now().getValue();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DashboardPage page = BrowserSession.page();

    private static String band(JsonNode band) {
        return oneDecimal(band.get("p5").asDouble()) + "–" + oneDecimal(band.get("p95").asDouble());
    }

    @Test
    void theHistoryChartShadesTheCompositesBandWithALegendEntryTooltipValuesAndATableColumn() {
        page.waitForAnalysis();
        page.emulate(1440, 900, false);
        page.open("");
        JsonNode points = page.api("/api/v1/scores/history?region=CHN&from=2000&to=" + THIS_YEAR).get("points");
        JsonNode last = points.get(points.size() - 1);
        int year = last.get("period").asInt();
        // the shaded area: one run over the years with a band, its edges at the band's p5 and p95
        Map<?, ?> drawn = (Map<?, ?>) page.js("""
                const chart = Chart.getChart('history-chart');
                const runs = chart.$ballastBand;
                const end = runs.at(-1).at(-1);
                return {runs: runs.length, points: runs.flat().length, x: end.x, lo: end.lo, hi: end.hi,
                    px: chart.scales.x.getPixelForValue(arguments[0]),
                    p5: chart.scales.y.getPixelForValue(arguments[1]),
                    p95: chart.scales.y.getPixelForValue(arguments[2])};
                """, year, last.get("band").get("p5").asDouble(), last.get("band").get("p95").asDouble());
        int banded = 0;
        for (JsonNode p : points) {
            banded += p.has("band") ? 1 : 0;
        }
        assertThat(((Number) drawn.get("points")).intValue()).isEqualTo(banded).isEqualTo(points.size());
        assertThat(((Number) drawn.get("runs")).intValue()).isEqualTo(1);
        assertThat(((Number) drawn.get("x")).doubleValue()).isCloseTo(((Number) drawn.get("px")).doubleValue(),
                within(0.01));
        assertThat(((Number) drawn.get("lo")).doubleValue()).isCloseTo(((Number) drawn.get("p5")).doubleValue(),
                within(0.01));
        assertThat(((Number) drawn.get("hi")).doubleValue()).isCloseTo(((Number) drawn.get("p95")).doubleValue(),
                within(0.01));
        // its legend entry
        assertThat(page.driver().findElement(By.cssSelector("#history-legend [data-key='band']")).getText())
                .contains("90% range of the uncertainty analysis");
        // the tooltip of the composite gives the year's range
        Object after = page.js("""
                const chart = Chart.getChart('history-chart');
                const index = chart.data.datasets[0].data.findIndex(p => p.x === arguments[0]);
                const point = chart.getDatasetMeta(0).data[index];
                chart.tooltip.setActiveElements([{datasetIndex: 0, index}], {x: point.x, y: point.y});
                chart.update('none');
                return chart.tooltip.body.flatMap(b => b.after).join(' ');
                """, year);
        assertThat(after).asString().contains("90% range " + band(last.get("band")));
        // and the table, the chart's text alternative
        List<String> headers = page.driver().findElements(By.cssSelector("#history-table thead th")).stream()
                .map(h -> h.getAttribute("textContent")).toList();
        int column = headers.indexOf("Composite 90% range");
        assertThat(column).isPositive();
        WebElement row = page.driver().findElements(By.cssSelector("#history-table tbody tr")).stream()
                .filter(r -> r.findElement(By.cssSelector("th, td")).getAttribute("textContent").equals(
                        String.valueOf(year))).findFirst().orElseThrow();
        assertThat(row.findElements(By.cssSelector("th, td")).get(column).getAttribute("textContent"))
                .isEqualTo(band(last.get("band")));
    }

    @Test
    void theBandIsIndexedInTheRelativeViewGoesWithAHiddenCompositeAndIsDrawnInTheEmbedView() {
        page.waitForAnalysis();
        page.emulate(1440, 900, false);
        // relative change: the band is indexed like the composite, to the first year shown (= 100)
        page.open("?from=2010&relative=history");
        JsonNode points = page.api("/api/v1/scores/history?region=CHN&from=2010&to=" + THIS_YEAR).get("points");
        double first = points.get(0).get("score").asDouble();
        JsonNode last = points.get(points.size() - 1);
        Map<?, ?> drawn = (Map<?, ?>) page.js("""
                const chart = Chart.getChart('history-chart');
                const end = chart.$ballastBand.at(-1).at(-1);
                return {lo: end.lo, hi: end.hi, p5: chart.scales.y.getPixelForValue(arguments[0]),
                    p95: chart.scales.y.getPixelForValue(arguments[1]), runs: chart.$ballastBand.length};
                """, last.get("band").get("p5").asDouble() / first * 100,
                last.get("band").get("p95").asDouble() / first * 100);
        assertThat(((Number) drawn.get("runs")).intValue()).isEqualTo(1);
        assertThat(((Number) drawn.get("lo")).doubleValue()).isCloseTo(((Number) drawn.get("p5")).doubleValue(),
                within(0.01));
        assertThat(((Number) drawn.get("hi")).doubleValue()).isCloseTo(((Number) drawn.get("p95")).doubleValue(),
                within(0.01));

        // with the composite hidden its band goes too, and so does the band's legend entry
        page.open("?hide=composite");
        assertThat(page.js("return Chart.getChart('history-chart').$ballastBand.length;")).isEqualTo(0L);
        assertThat(page.driver().findElements(By.cssSelector("#history-legend [data-key='band']"))).isEmpty();
        // shown again by its legend entry, by keyboard
        page.driver().findElements(By.cssSelector("#history-legend button")).stream()
                .filter(b -> b.getText().equals("Composite")).findFirst().orElseThrow().sendKeys(Keys.ENTER);
        page.waitUntil(Duration.ofSeconds(5), d -> !page.driver().findElements(
                By.cssSelector("#history-legend [data-key='band']")).isEmpty());
        assertThat(page.js("return Chart.getChart('history-chart').$ballastBand.length;")).isEqualTo(1L);

        // the embed view of the history draws the band, with its legend entry
        page.openPage("/embed.html?chart=history&region=CHN&from=2010");
        assertThat(page.driver().findElement(By.cssSelector("#embed-legend [data-key='band']")).getText())
                .contains("90% range of the uncertainty analysis");
        Map<?, ?> embedded = (Map<?, ?>) page.js("""
                const chart = Chart.getChart('embed-chart');
                const end = chart.$ballastBand.at(-1).at(-1);
                return {points: chart.$ballastBand.flat().length, lo: end.lo,
                    p5: chart.scales.y.getPixelForValue(arguments[0])};
                """, last.get("band").get("p5").asDouble());
        assertThat(((Number) embedded.get("points")).intValue()).isEqualTo(points.size());
        assertThat(((Number) embedded.get("lo")).doubleValue()).isCloseTo(((Number) embedded.get("p5"))
                .doubleValue(), within(0.01));
    }

    @Test
    void theDrillDownChartsHowMuchEachChoiceMattersAndSaysWhichMattersMost() {
        page.waitForAnalysis();
        page.open("");
        page.js("document.getElementById('sensitivity').scrollIntoView();");
        page.waitUntil(Duration.ofSeconds(10), d -> "done".equals(page.byId("sensitivity").getAttribute(
                "data-status")));
        JsonNode doc = page.api("/api/v1/sensitivity?region=CHN");
        assertThat(doc.get("status").asText()).isEqualTo("done");
        List<JsonNode> indices = new ArrayList<>();
        doc.get("indices").forEach(indices::add);
        assertThat(indices).hasSizeGreaterThanOrEqualTo(3);
        List<?> bars = (List<?>) page.js("""
                return Chart.getChart('sensitivity-chart').data.datasets.map(d => d.data);
                """);
        List<?> labels = (List<?>) page.js("return Chart.getChart('sensitivity-chart').data.labels;");
        assertThat(bars).hasSize(2);
        for (int i = 0; i < indices.size(); i++) {
            JsonNode index = indices.get(i);
            assertThat(String.valueOf(labels.get(i))).isEqualToIgnoringCase(index.get("choice").asText());
            assertThat(((Number) ((List<?>) bars.get(0)).get(i)).doubleValue())
                    .isEqualTo(Math.max(0, index.get("first").asDouble()));
            assertThat(((Number) ((List<?>) bars.get(1)).get(i)).doubleValue())
                    .isEqualTo(Math.max(0, index.get("total").asDouble()));
        }
        // the one-line reading names the choice with the largest total effect and its shares
        JsonNode top = indices.stream().max(Comparator.comparingDouble(i -> i.get("total").asDouble())).orElseThrow();
        String reading = page.text("sensitivity-reading");
        assertThat(reading).startsWith("For China's " + doc.get("period").asInt() + " composite, ")
                .contains(Map.of("indicator weights", "the weights of the indicators matter most",
                        "input weights", "the weights of the inputs within each indicator matter most",
                        "goalposts", "the goalposts matter most",
                        "aggregation", "the aggregation (geometric or arithmetic mean) matters most")
                        .get(top.get("choice").asText()))
                .contains(Math.round(Math.max(0, top.get("first").asDouble()) * 100) + "% of the composite's variance")
                .contains(Math.round(top.get("total").asDouble() * 100) + "% with its interactions");
        assertThat(page.driver().findElements(By.cssSelector("#sensitivity-table tbody tr"))).hasSize(indices.size());
        assertThat(page.byId("sensitivity-chart").getAttribute("aria-label")).contains(top.get("choice").asText());
        assertThat(page.seriousAxeViolations()).as("the drill-down with the sensitivity chart").isEmpty();

        // an economy without a composite has nothing to analyse, and says so instead of a chart
        page.open("?region=DEU");
        page.js("document.getElementById('sensitivity').scrollIntoView();");
        page.waitUntil(Duration.ofSeconds(10), d -> "none".equals(page.byId("sensitivity").getAttribute(
                "data-status")));
        assertThat(page.text("sensitivity-status")).contains("Germany has no composite");
        assertThat(page.byId("sensitivity-chart").isDisplayed()).isFalse();
    }

    @Test
    void theWhatIfPanelProjectsAChangedInputExactlyAsTheApiDoesAndResets() throws IOException {
        page.waitForAnalysis();
        page.open("");
        String code = "BX.KLT.DINV.WD.GD.ZS";
        String field = "whatif-BX_KLT_DINV_WD_GD_ZS";
        page.js("document.getElementById('whatif').scrollIntoView();");
        page.waitUntil(Duration.ofSeconds(10), d -> "true".equals(page.byId("whatif").getAttribute("data-ready")));
        JsonNode latest = page.latest("CHN");
        int year = latest.get("period").asInt();
        JsonNode series = page.api("/api/v1/series/" + code + "?region=CHN").get("points");
        double real = 0;
        for (JsonNode p : series) {
            if (p.get("period").asInt() == year) {
                real = p.get("value").asDouble();
            }
        }
        WebElement input = page.byId(field);
        assertThat(Double.parseDouble(input.getAttribute("value"))).isEqualTo(real);
        // by keyboard: type a value and press Enter
        double tried = Math.round((real + 2.5) * 100) / 100.0;
        input.clear();
        input.sendKeys(String.format(Locale.ROOT, "%.2f", tried), Keys.ENTER);
        page.waitUntil(Duration.ofSeconds(10), d -> page.byId("whatif-result-box").isDisplayed()
                && !page.driver().findElements(By.id("whatif-projected-score")).isEmpty());

        var answer = BrowserSession.server().post("/api/v1/scenarios", "{\"observations\":[{\"region\":\"CHN\","
                + "\"series\":\"" + code + "\",\"period\":" + year + ",\"value\":" + tried + "}]}", null);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode item = JSON.readTree(answer.body()).get("regions").get(0);
        JsonNode projected = item.get("projected").get("composite");
        JsonNode actual = item.get("actual").get("composite");
        assertThat(projected.get("score").asDouble()).isNotEqualTo(actual.get("score").asDouble());
        assertThat(Double.parseDouble(page.byId("whatif-projected-score").getAttribute("data-value")))
                .isEqualTo(projected.get("score").asDouble());
        assertThat(Double.parseDouble(page.byId("whatif-actual-score").getAttribute("data-value")))
                .isEqualTo(actual.get("score").asDouble()).isEqualTo(latest.get("composite").get("score").asDouble());
        assertThat(page.text("whatif-projected-band")).isEqualTo(band(projected.get("band")));
        assertThat(page.text("whatif-actual-band")).isEqualTo(band(actual.get("band")));
        assertThat(page.text("whatif-projected-rank")).startsWith(DashboardPage.ordinal(projected.get("rank")
                .get("position").asInt()));
        assertThat(page.text("whatif-projected-warnings")).isEqualTo(projected.get("warnings").isEmpty() ? "none"
                : projected.get("warnings").get(0).get("message").asText());
        assertThat(page.text("whatif-status")).contains("Nothing was stored");
        // nothing was stored: the real scores stand
        assertThat(page.latest("CHN").get("composite").get("score").asDouble())
                .isEqualTo(latest.get("composite").get("score").asDouble());
        assertThat(page.seriousAxeViolations()).as("the what-if panel with a result").isEmpty();

        page.byId("whatif-reset").click();
        page.waitUntil(Duration.ofSeconds(5), d -> !page.byId("whatif-result-box").isDisplayed());
        assertThat(Double.parseDouble(page.byId(field).getAttribute("value"))).isEqualTo(real);

        // on a phone the panel fits the screen
        page.emulate(390, 844, true);
        page.open("");
        page.js("document.getElementById('whatif').scrollIntoView();");
        page.waitUntil(Duration.ofSeconds(10), d -> "true".equals(page.byId("whatif").getAttribute("data-ready")));
        assertThat(page.js("return document.documentElement.scrollWidth <= window.innerWidth;")).isEqualTo(true);
        assertThat(page.byId(field).isDisplayed()).isTrue();
    }

    /**
     * The value the what-if panel offers for {@code code}: {@code region}'s value in {@code year}, or else its latest
     * earlier one; NaN when it has none.
     */
    private double shownValue(String code, String region, int year) {
        double value = Double.NaN;
        for (JsonNode p : page.api("/api/v1/series/" + code + "?region=" + region).get("points")) {
            if (p.get("period").asInt() <= year) {
                value = p.get("value").asDouble();
            }
        }
        return value;
    }

    private String whatIfValue(String code) {
        return page.byId("whatif-" + code.replace('.', '_')).getAttribute("value");
    }

    private void openWhatIf(String query) {
        page.open(query);
        page.js("document.getElementById('whatif').scrollIntoView();");
        page.waitUntil(Duration.ofSeconds(10), d -> "true".equals(page.byId("whatif").getAttribute("data-ready")));
    }

    @Test
    void theWhatIfPanelSaysWhatIsWrongInsteadOfAResultAndFollowsTheEconomy() {
        page.waitForAnalysis();
        openWhatIf("");
        // nothing changed: nothing to project
        page.byId("whatif-run").click();
        page.waitUntil(Duration.ofSeconds(5), d -> page.text("whatif-status").equals(
                "Change at least one value first."));
        assertThat(page.byId("whatif-result-box").isDisplayed()).isFalse();

        // a projection that fails says so, and no result (old or new) is shown
        var driver = page.driver();
        BrowserSession.expectConsoleErrors(Pattern.compile("/api/v1/scenarios.*ERR_BLOCKED_BY_CLIENT"));
        String field = "whatif-BX_KLT_DINV_WD_GD_ZS";
        double real = Double.parseDouble(page.byId(field).getAttribute("value"));
        driver.executeCdpCommand("Network.enable", Map.of());
        try {
            driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/v1/scenarios*")));
            page.byId(field).clear();
            page.byId(field).sendKeys(String.format(Locale.ROOT, "%.2f", real + 1), Keys.ENTER);
            page.waitUntil(Duration.ofSeconds(5), d -> page.byId("whatif-error").isDisplayed());
            assertThat(page.text("whatif-error")).startsWith("The scenario could not be projected: ");
            assertThat(page.byId("whatif-error").getAttribute("role")).isEqualTo("alert");
            assertThat(page.byId("whatif-result-box").isDisplayed()).isFalse();
            assertThat(page.byId("whatif-run").isEnabled()).as("it can be tried again").isTrue();
            // tried again once the server can be reached: the result, and the error is gone
            driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
            page.byId("whatif-run").click();
            page.waitUntil(Duration.ofSeconds(10), d -> page.byId("whatif-result-box").isDisplayed());
            assertThat(page.byId("whatif-error").isDisplayed()).isFalse();
        } finally {
            driver.executeCdpCommand("Network.disable", Map.of());
        }

        // another economy: the panel starts afresh on its inputs and its latest year
        new Select(page.byId("region")).selectByValue("USA");
        int year = page.latest("USA").get("period").asInt();
        page.waitUntil(Duration.ofSeconds(10), d -> "true".equals(page.byId("whatif").getAttribute("data-ready"))
                && page.text("whatif-heading").equals("What if: United States, " + year));
        assertThat(page.byId("whatif-result-box").isDisplayed()).isFalse();
        assertThat(page.text("whatif-year")).isEqualTo(String.valueOf(year));
        double usa = shownValue("BX.KLT.DINV.WD.GD.ZS", "USA", year);
        assertThat(Double.parseDouble(whatIfValue("BX.KLT.DINV.WD.GD.ZS"))).isEqualTo(usa);
    }

    @Test
    void theWhatIfPanelKeepsTypedValuesThroughALiveUpdateFollowsTheRealOnesAndLoadsAgainWhatFailed() {
        page.waitForAnalysis();
        var driver = page.driver();
        BrowserSession.expectConsoleErrors(
                Pattern.compile("/api/v1/series/SL\\.UEM\\.TOTL\\.ZS.*ERR_BLOCKED_BY_CLIENT"));
        String blocked = "SL.UEM.TOTL.ZS";
        String typed = "SL.TLF.CACT.ZS";
        String followed = "BX.KLT.DINV.WD.GD.ZS";
        int year = page.latest("CHN").get("period").asInt();
        driver.executeCdpCommand("Network.enable", Map.of());
        try {
            driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/v1/series/" + blocked
                    + "*")));
            openWhatIf("");
            page.waitForLive();
            // an input that could not be loaded says so, and is not passed off as "no value"
            assertThat(page.text("whatif-status")).contains("Some inputs could not be loaded");
            assertThat(whatIfValue(blocked)).isEmpty();
            assertThat(page.byId("whatif-" + blocked.replace('.', '_')).findElement(By.xpath("..")).getText())
                    .contains("could not be loaded");
            driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        } finally {
            driver.executeCdpCommand("Network.disable", Map.of());
        }
        // the viewer types a value; then a live update changes a real value
        WebElement input = page.byId("whatif-" + typed.replace('.', '_'));
        String real = whatIfValue(typed);
        assertThat(Double.parseDouble(real)).isEqualTo(shownValue(typed, "CHN", year));
        input.clear();
        input.sendKeys("71.5");
        double before = shownValue(followed, "CHN", year);
        double after = Math.round((before + 0.5) * 100) / 100.0;
        var posted = BrowserSession.server().post("/api/v1/observations", "{\"observations\":[{\"region\":\"CHN\","
                + "\"series\":\"" + followed + "\",\"period\":" + year + ",\"value\":" + after + "}]}");
        assertThat(posted.statusCode()).isEqualTo(200);
        // the untouched field follows the real value, the failed one is loaded, the typed one stays
        page.waitUntil(Duration.ofSeconds(10), d -> !whatIfValue(blocked).isEmpty()
                && Double.parseDouble(whatIfValue(followed)) == after);
        assertThat(Double.parseDouble(whatIfValue(blocked))).isEqualTo(shownValue(blocked, "CHN", year));
        assertThat(whatIfValue(typed)).isEqualTo("71.5");
        assertThat(page.text("whatif-status")).doesNotContain("could not be loaded");
        // Reset puts the real values back, the new one included
        page.byId("whatif-reset").click();
        page.waitUntil(Duration.ofSeconds(5), d -> page.text("whatif-status").equals("Back to the real values."));
        assertThat(whatIfValue(typed)).isEqualTo(real);
        assertThat(Double.parseDouble(whatIfValue(followed))).isEqualTo(after);
    }

    @Test
    void whileTheAnalysisRunsThePageSaysSoAndTheUncertaintyEventBringsTheNewRanges() {
        page.waitForAnalysis();
        page.open("");
        page.waitForLive();
        page.js("document.getElementById('sensitivity').scrollIntoView();");
        page.waitUntil(Duration.ofSeconds(10), d -> "done".equals(page.byId("sensitivity").getAttribute(
                "data-status")));
        page.js("""
                window.__sameDocument = true;
                window.__statuses = [];
                const record = () => window.__statuses.push(
                    document.getElementById('composite-band').dataset.status + '/'
                    + document.getElementById('sensitivity').dataset.status + '/'
                    + document.getElementById('composite-band').textContent + '/'
                    + document.getElementById('composite-band-note').textContent);
                new MutationObserver(record).observe(document.getElementById('composite-band'), {attributes: true});
                new MutationObserver(record).observe(document.getElementById('sensitivity'), {attributes: true});
                """);
        int year = page.latest("CHN").get("period").asInt();
        double now = 0;
        for (JsonNode p : page.api("/api/v1/series/BX.KLT.DINV.WD.GD.ZS?region=CHN").get("points")) {
            if (p.get("period").asInt() == year) {
                now = p.get("value").asDouble();
            }
        }
        var posted = BrowserSession.server().post("/api/v1/observations", "{\"observations\":[{\"region\":\"CHN\","
                + "\"series\":\"BX.KLT.DINV.WD.GD.ZS\",\"period\":" + year + ",\"value\":" + (now + 0.75) + "}]}");
        assertThat(posted.statusCode()).isEqualTo(200);
        // first the new scores with the analysis running, then the ranges of the new scores, without a reload
        page.waitUntil(Duration.ofSeconds(5), d -> ((List<?>) page.js("return window.__statuses;")).stream()
                .anyMatch(s -> String.valueOf(s).startsWith("pending")));
        assertThat((List<?>) page.js("return window.__statuses;")).anyMatch(s -> String.valueOf(s)
                .startsWith("pending/") && String.valueOf(s).contains("/being computed/")
                && String.valueOf(s).contains("analysis of the current scores is running"));
        page.waitForAnalysis();
        JsonNode composite = page.latest("CHN").get("composite");
        page.waitUntil(Duration.ofSeconds(5), d -> page.text("composite-band").equals(band(composite.get("band")))
                && "done".equals(page.byId("sensitivity").getAttribute("data-status")));
        assertThat((List<?>) page.js("return window.__statuses;"))
                .anyMatch(s -> String.valueOf(s).split("/")[1].equals("pending"));
        assertThat(page.text("headline")).contains("(90% range " + band(composite.get("band")) + ")");
        assertThat(page.js("return window.__sameDocument === true;")).isEqualTo(true);
    }
}
