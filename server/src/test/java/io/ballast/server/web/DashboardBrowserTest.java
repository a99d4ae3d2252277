package io.ballast.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.ballast.server.web.DashboardPage.Line;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Year;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real headless browser against a real server: it shows what the API says, follows the stream
 * without reloads, keeps its state in the URL, drills down, downloads, and works by keyboard and at phone width.
 * One server and one browser serve every browser test ({@link BrowserSession}); each test loads the page afresh and
 * ends with a check that the browser console holds no errors (CSP violations and failed requests included).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(BrowserSession.class)
class DashboardBrowserTest {

    private static final int THIS_YEAR = Year.now().getValue();

    private final DashboardPage page = BrowserSession.page();

    /** The element shows the API's score: exactly in data-value, rounded to one decimal in its text. */
    static void assertShowsScore(WebElement element, double apiScore) {
        assertThat(Double.parseDouble(element.getAttribute("data-value"))).isEqualTo(apiScore);
        assertThat(Double.parseDouble(element.getText().strip())).isCloseTo(apiScore, within(0.0501));
    }

    @Test
    @Order(1)
    void theOverviewShowsTheApisCompositeIndicatorsAndChangeAndIsWrittenAsAScreenshot() throws Exception {
        page.open("");
        JsonNode latest = page.latest("CHN");
        JsonNode composite = latest.get("composite");
        assertShowsScore(page.byId("composite-score"), composite.get("score").asDouble());
        assertThat(page.text("composite-period")).isEqualTo(latest.get("period").asText());
        assertThat(page.text("composite-coverage"))
                .isEqualTo(Math.round(composite.get("coverage").asDouble() * 100) + "%");
        // the server's like-for-like change, not the difference of two scores resting on different inputs
        JsonNode change = composite.get("change");
        assertThat(change.get("likeForLike").asBoolean()).as("China's change is like for like").isTrue();
        assertThat(page.text("composite-change"))
                .contains(DashboardPage.oneDecimal(Math.abs(change.get("value").asDouble())))
                .contains("on " + change.get("from").asInt());
        assertThat(page.byId("divergence").isDisplayed()).isEqualTo(!composite.get("warnings").isEmpty());

        List<WebElement> cards = page.driver().findElements(By.cssSelector("[data-card]"));
        assertThat(cards).hasSize(latest.get("indicators").size()).hasSizeGreaterThanOrEqualTo(4);
        for (JsonNode indicator : latest.get("indicators")) {
            String id = indicator.get("id").asText();
            WebElement card = page.driver().findElement(By.cssSelector("[data-card='" + id + "']"));
            assertShowsScore(card.findElement(By.cssSelector("[data-indicator]")), indicator.get("score").asDouble());
            assertThat(card.findElement(By.cssSelector(".meter-value")).getText())
                    .isEqualTo(Math.round(indicator.get("coverage").asDouble() * 100) + "%");
            assertThat(card.findElements(By.cssSelector("svg.sparkline polyline"))).hasSize(1);
            assertThat(card.findElement(By.cssSelector(".trend")).getText()).isNotBlank();
            assertThat(card.findElement(By.cssSelector("a.method-link")).getAttribute("href"))
                    .endsWith("/methodology.html#" + id);
        }
        assertThat(page.byId("composite-heading").findElement(By.xpath("..")).findElement(By.tagName("a"))
                .getAttribute("href")).endsWith("/methodology.html#composite");
        page.waitUntil(Duration.ofSeconds(5), d -> page.byId("live-status").getAttribute("data-state").equals("live"));
        assertThat(page.text("live-status")).containsIgnoringCase("live");
        // the user-timing mark the first-paint benchmark reads: set once, in the frame that first drew the scores
        page.waitUntil(Duration.ofSeconds(5), d -> ((Number) page.driver().executeScript(
                "return performance.getEntriesByName('ballast:first-data').length")).intValue() == 1);

        Path screenshot = Path.of("target", "dashboard-overview.png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, page.driver().getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    @Test
    @Order(2)
    void theHistoryChartHoldsTheApisScoresAndTheExportControlEvents() {
        page.open("");
        List<Line> lines = page.chart("history-chart");
        JsonNode latest = page.latest("CHN");
        assertThat(lines).hasSize(1 + latest.get("indicators").size());
        assertThat(page.line("history-chart", "Composite").byYear())
                .isEqualTo(page.history("CHN", "composite", 2000, THIS_YEAR));
        for (JsonNode indicator : latest.get("indicators")) {
            assertThat(page.line("history-chart", indicator.get("name").asText()).byYear())
                    .isEqualTo(page.history("CHN", indicator.get("id").asText(), 2000, THIS_YEAR));
        }
        JsonNode events = page.api("/api/v1/events?region=CHN").get("events");
        assertThat(events.size()).isPositive();
        // one numbered marker per quarter with events; neighbours may share a badge ("3–5") but every quarter is there
        assertThat(page.markerNumbers()).containsExactlyElementsOf(
                IntStream.rangeClosed(1, page.quartersWithEvents("CHN")).boxed().toList());
        // the table view is the chart's text alternative: one row per year of any line
        long years = lines.stream().flatMap(l -> l.byYear().keySet().stream()).distinct().count();
        assertThat(page.driver().findElements(By.cssSelector("#history-table tbody tr"))).hasSize((int) years);
        assertThat(page.driver().findElements(By.cssSelector("#events-table tbody tr"))).hasSize(events.size());
    }

    @Test
    @Order(3)
    void aPostedObservationReachesTheShownValueAndTheChartWithinTwoSecondsWithoutAReload() {
        page.open("");
        page.waitUntil(Duration.ofSeconds(5), d -> page.byId("live-status").getAttribute("data-state").equals("live"));
        page.driver().executeScript("window.__sameDocument = true;");
        int year = page.latest("CHN").get("period").asInt();
        String before = page.text("composite-score");

        long posted = System.nanoTime();
        var response = BrowserSession.server().post("/api/v1/observations", "{\"observations\":[{\"region\":\"CHN\","
                + "\"series\":\"BX.KLT.DINV.WD.GD.ZS\",\"period\":" + year + ",\"value\":4.5}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        page.waitUntil(Duration.ofSeconds(2), d -> {
            double shown = page.line("history-chart", "Composite").byYear().getOrDefault(year, -1.0);
            return !page.text("composite-score").equals(before) && shown != -1.0
                    && shown == Double.parseDouble(page.byId("composite-score").getAttribute("data-value"));
        });
        assertThat(Duration.ofNanos(System.nanoTime() - posted)).isLessThan(Duration.ofSeconds(2));

        double api = page.latest("CHN").get("composite").get("score").asDouble();
        assertShowsScore(page.byId("composite-score"), api);
        assertThat(page.line("history-chart", "Composite").byYear().get(year)).isEqualTo(api);
        assertThat(page.byId("composite-score").getAttribute("class")).contains("flash");
        assertThat(page.driver().executeScript("return window.__sameDocument === true;")).isEqualTo(true);
    }

    @Test
    @Order(4)
    void switchingTheRegionUpdatesTheUrlTheOverviewAndTheCharts() {
        page.open("");
        assertThat(page.urlParams()).containsEntry("region", "CHN").containsEntry("compare", "CHN");
        new Select(page.byId("region")).selectByValue("USA");
        double usa = page.latest("USA").get("composite").get("score").asDouble();
        page.waitUntil(Duration.ofSeconds(5), d -> page.text("region-name").equals("United States")
                && !page.byId("composite-score").getAttribute("data-value").isEmpty()
                && Double.parseDouble(page.byId("composite-score").getAttribute("data-value")) == usa);
        assertThat(page.urlParams()).containsEntry("region", "USA");
        page.waitUntil(Duration.ofSeconds(5), d -> page.line("history-chart", "Composite").byYear()
                .equals(page.history("USA", "composite", 2000, THIS_YEAR)));
        assertThat(page.markerNumbers()).hasSize(page.quartersWithEvents("USA"));

        // years narrow the charts and are in the URL too
        var from = page.byId("from");
        from.clear();
        from.sendKeys("2010", Keys.TAB);
        page.waitUntil(Duration.ofSeconds(5), d -> "2010".equals(page.urlParams().get("from")));
        page.waitUntil(Duration.ofSeconds(5), d -> page.line("history-chart", "Composite").byYear()
                .equals(page.history("USA", "composite", 2010, THIS_YEAR)));

        // back restores the previous view without a reload
        page.driver().navigate().back();
        page.waitUntil(Duration.ofSeconds(5), d -> !"2010".equals(page.urlParams().get("from")));
        page.driver().navigate().back();
        page.waitUntil(Duration.ofSeconds(5), d -> "CHN".equals(page.urlParams().get("region"))
                && page.text("region-name").equals("China"));
    }

    @Test
    @Order(5)
    void theCompareSetLivesInTheUrlAndDrivesTheChartAndTheRankedTable() {
        page.open("");
        page.driver().findElement(By.cssSelector("label[for='compare-USA']")).click();
        page.driver().findElement(By.cssSelector("label[for='compare-JPN']")).click();
        page.waitUntil(Duration.ofSeconds(5), d -> "CHN,USA,JPN".equals(page.urlParams().get("compare")));
        page.waitUntil(Duration.ofSeconds(5), d -> page.chart("compare-chart").size() == 3);
        Map<String, String> names = Map.of("CHN", "China", "USA", "United States", "JPN", "Japan");
        for (var entry : names.entrySet()) {
            Map<Integer, Double> api = page.history(entry.getKey(), "composite", 2000, THIS_YEAR);
            assertThat(page.line("compare-chart", entry.getValue()).byYear()).isEqualTo(api);
        }
        // the ranked table: the server's like-for-like positions in one year, best first, the unranked last
        JsonNode ranking = page.api("/api/v1/scores/ranking");
        Map<String, Integer> positions = new HashMap<>();
        ranking.get("ranks").forEach(r -> positions.put(r.get("region").asText(),
                r.get("position").isNull() ? Integer.MAX_VALUE : r.get("position").asInt()));
        List<WebElement> rows = page.driver().findElements(By.cssSelector("#compare-ranking tbody tr"));
        assertThat(rows).hasSize(3);
        List<Integer> ranked = rows.stream().map(r -> positions.get(r.findElement(By.tagName("th")).getText()
                .replaceAll(".*\\((\\w{3})\\)$", "$1"))).toList();
        assertThat(ranked).isSorted();
        String best = names.keySet().stream().min(java.util.Comparator.comparing(positions::get)).orElseThrow();
        assertThat(rows.get(0).findElement(By.tagName("th")).getText()).startsWith(names.get(best));

        new Select(page.byId("compare-measure")).selectByValue("labor-conditions");
        page.waitUntil(Duration.ofSeconds(5), d -> "labor-conditions".equals(page.urlParams().get("measure")));
        page.waitUntil(Duration.ofSeconds(5), d -> page.line("compare-chart", "Japan").byYear()
                .equals(page.history("JPN", "labor-conditions", 2000, THIS_YEAR)));

        // a link reproduces the view
        String link = page.driver().getCurrentUrl();
        page.open("?region=KOR");
        page.driver().get(link);
        page.waitUntil(Duration.ofSeconds(10), d -> page.chart("compare-chart").size() == 3);
        assertThat(page.byId("compare-JPN").isSelected()).isTrue();
        assertThat(page.byId("compare-DEU").isSelected()).isFalse();
        assertThat(new Select(page.byId("compare-measure")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("labor-conditions");
        assertThat(new Select(page.byId("region")).getFirstSelectedOption().getAttribute("value")).isEqualTo("CHN");
    }

    @Test
    @Order(6)
    void theDrillDownShowsComponentsTheRawSeriesAndItsSource() {
        page.open("");
        page.driver().findElement(By.cssSelector("[data-card='labor-conditions'] .drill-button")).click();
        page.waitUntil(Duration.ofSeconds(5), d -> "labor-conditions".equals(page.urlParams().get("indicator")));
        JsonNode reading = null;
        for (JsonNode i : page.latest("CHN").get("indicators")) {
            if (i.get("id").asText().equals("labor-conditions")) {
                reading = i;
            }
        }
        assertThat(reading).isNotNull();
        assertThat(page.text("drill-name")).isEqualTo("Labor conditions");
        assertShowsScore(page.byId("drill-score"), reading.get("score").asDouble());
        // the server's sentence, with real minus signs and "no 2025 value for X" for its "no data for X"
        String explanation = reading.get("explanation").asText().replaceAll("(^|[\\s(])-(?=\\d)", "$1\u2212")
                .replace("no data for", "no " + reading.get("period").asInt() + " value for");
        assertThat(page.text("drill-explanation")).isEqualTo(explanation);
        List<WebElement> components = page.driver().findElements(By.cssSelector("#drill-components .component"));
        assertThat(components).hasSize(reading.get("components").size());
        for (int i = 0; i < components.size(); i++) {
            JsonNode c = reading.get("components").get(i);
            assertThat(components.get(i).findElement(By.cssSelector(".component-label")).getText())
                    .isEqualTo(c.get("label").asText());
            String normalised = components.get(i).findElement(By.cssSelector(".component-score")).getText();
            assertThat(Double.parseDouble(normalised.replace("/100", "").strip()))
                    .isCloseTo(c.get("normalised").asDouble(), within(0.0501));
            assertThat(components.get(i).findElement(By.cssSelector(".bar-fill")).getCssValue("width"))
                    .isNotEqualTo("0px");
        }

        String code = "SL.UEM.TOTL.ZS";
        JsonNode series = page.api("/api/v1/series/" + code + "?region=CHN");
        page.waitUntil(Duration.ofSeconds(5),
                d -> page.text("series-provenance").contains(series.get("source").asText()));
        // the menu names each series, not only its code
        page.waitUntil(Duration.ofSeconds(5), d -> new Select(page.byId("drill-series")).getFirstSelectedOption()
                .getText().equals(series.get("name").asText() + " (" + code + ")"));
        String provenance = page.text("series-provenance");
        assertThat(provenance).contains(series.get("licence").asText()).contains(series.get("vintage").asText())
                .contains(series.get("unit").asText());
        assertThat(page.byId("series-source-link").getAttribute("href")).isEqualTo(series.get("sourceUrl").asText());
        Map<Integer, Double> points = new LinkedHashMap<>();
        series.get("points").forEach(p -> points.put(p.get("period").asInt(), p.get("value").asDouble()));
        assertThat(page.chart("series-chart").get(0).byYear()).isEqualTo(points);

        // another input of the same indicator, chosen by keyboard-operable select, lands in the URL
        new Select(page.byId("drill-series")).selectByValue("SL.UEM.1524.ZS");
        page.waitUntil(Duration.ofSeconds(5), d -> "SL.UEM.1524.ZS".equals(page.urlParams().get("series"))
                && page.text("series-provenance").contains("SL.UEM.1524.ZS"));
    }

    @Test
    @Order(8)
    void everyControlIsReachableByKeyboardAndAnIndicatorCanBeOpenedWithIt() {
        page.open("");
        page.driver().executeScript("""
                window.__reached = [];
                document.addEventListener('focusin', e => window.__reached.push(
                    e.target.id || e.target.tagName.toLowerCase() + ':' + e.target.textContent.trim()));
                document.activeElement.blur();
                """);
        // Tab on until the what-if panel's last button has focus (every event row is a stop on the way)
        List<String> reached = List.of();
        for (int round = 0; round < 10 && !reached.contains("whatif-reset"); round++) {
            Actions tabs = new Actions(page.driver());
            for (int i = 0; i < 50; i++) {
                tabs.sendKeys(Keys.TAB);
            }
            tabs.perform();
            reached = ((List<?>) page.driver().executeScript("return window.__reached;")).stream()
                    .map(String::valueOf).toList();
        }
        assertThat(reached).contains("region", "from", "to", "from-range", "to-range", "play", "history-relative",
                "history-share", "history-csv", "history-png", "history-svg", "history-tab-chart", "events-toggle",
                "compare-USA", "compare-measure", "compare-csv", "drill-indicator", "drill-series", "series-csv",
                "whatif-run", "whatif-reset");
        assertThat(reached).anyMatch(k -> k.startsWith("button:Components"));
        assertThat(reached).as("the legend's toggles").contains("button:Composite", "button:Labor conditions");

        WebElement drill = page.driver().findElement(By.cssSelector("[data-card='labor-conditions'] .drill-button"));
        drill.sendKeys(Keys.ENTER);
        page.waitUntil(Duration.ofSeconds(5), d -> "labor-conditions".equals(page.urlParams().get("indicator"))
                && page.text("drill-name").equals("Labor conditions"));
        assertThat(page.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("drilldown-heading");
    }

    @Test
    @Order(9)
    void itFitsAPhoneScreenAndMakesNoRequestOutsideItsOrigin() throws Exception {
        var driver = page.driver();
        page.emulate(390, 844, true);
        page.open("");
        assertThat(driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth;"))
                .isEqualTo(true);
        assertThat(page.byId("region").isDisplayed()).isTrue();
        assertThat(page.byId("composite-score").isDisplayed()).isTrue();
        Files.write(Path.of("target", "dashboard-phone.png"), driver.getScreenshotAs(OutputType.BYTES));
        Object foreign = driver.executeScript("""
                return performance.getEntriesByType('resource').map(e => e.name)
                    .filter(n => !n.startsWith(location.origin + '/'));
                """);
        assertThat((List<?>) foreign).isEmpty();
        // scripts and styles only from files: nothing inline for the CSP to block
        for (String file : List.of("/", "/methodology.html", "/admin.html", "/embed.html")) {
            String html = BrowserSession.server().get(file).body();
            assertThat(html).doesNotContain("<style").doesNotContainPattern("\\sstyle=")
                    .doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContainPattern("\\son[a-z]+=");
        }
        assertThat(driver.findElements(By.cssSelector("script[src$='chart.umd.js']"))).hasSize(1);
    }

    @Test
    @Order(10)
    void theMethodologyPageExplainsEveryScore() {
        page.driver().get(BrowserSession.server().uri("/methodology.html#foreign-investment").toString());
        for (String id : List.of("composite", "divergence", "ranks", "uncertainty", "normalisation", "coverage",
                "export-control-exposure", "foreign-investment", "internal-capacity", "labor-conditions")) {
            assertThat(page.driver().findElements(By.id(id))).as(id).hasSize(1);
        }
        assertThat(page.text("composite")).isEqualTo("The composite");
        assertThat(page.driver().findElement(By.tagName("main")).getText()).contains("goalposts")
                // the words the dashboard uses for the headline's levels, ranks, ranges and sensitivity
                .contains("very low (below 20), low (20 to below 40), moderate (40 to below 60), high (60 to")
                .contains("the rank compares like with like").contains("5th to 95th percentile")
                .contains("Sobol indices").contains("nothing is stored");
    }

    @Test
    @Order(11)
    void withTheServerGoneTheStatusSaysOfflineAndAfterItsRestartUpdatesArriveWithoutAReload() {
        page.open("");
        page.waitForLive();
        page.driver().executeScript("window.__sameDocument = true;");
        String dataTime = page.byId("data-time").getAttribute("datetime");
        // when the data arrived: date, time and time zone, and how old it is
        assertThat(page.text("data-age")).matches("Data from \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2}:\\d{2} \\S+, .+");
        // the status stays in view wherever the page is scrolled
        page.driver().executeScript("window.scrollTo(0, document.body.scrollHeight);");
        page.waitUntil(Duration.ofSeconds(2), d -> (Boolean) page.js("""
                const box = document.getElementById('live-status').getBoundingClientRect();
                return scrollY > 1000 && box.top >= 0 && box.bottom <= innerHeight;
                """));
        // the parts below the fold have loaded what they show (the what-if panel's inputs once it came into view),
        // so the only requests that meet the stopped server are the stream's
        page.waitUntil(Duration.ofSeconds(10), d -> "true".equals(page.byId("whatif").getAttribute("data-ready"))
                && !String.valueOf(page.byId("sensitivity").getAttribute("data-status")).matches("null|"));

        BrowserSession.expectConsoleErrors(
                Pattern.compile("/api/v1/stream\\?region=CHN.*ERR_(CONNECTION_REFUSED|EMPTY_RESPONSE)"));
        int port = BrowserSession.stopServer();
        page.waitUntil(Duration.ofSeconds(5), d -> !page.byId("live-status").getAttribute("data-state").equals("live"));
        // a few failed attempts in a row, and the page says offline instead of "reconnecting" for ever
        page.waitUntil(Duration.ofSeconds(20),
                d -> page.byId("live-status").getAttribute("data-state").equals("offline"));
        assertThat(page.text("live-status")).containsIgnoringCase("offline");
        assertThat(page.text("status-note")).contains("cannot be reached").contains("next try at");
        assertThat(page.byId("status-retry").isDisplayed()).isTrue();
        // the data on screen keeps saying when it arrived
        assertThat(page.byId("data-time").getAttribute("datetime")).isEqualTo(dataTime);

        BrowserSession.startServer(port);
        page.byId("status-retry").click();
        page.waitForLive();
        assertThat(page.byId("status-retry").isDisplayed()).isFalse();
        int year = page.latest("CHN").get("period").asInt();
        String before = page.byId("composite-score").getAttribute("data-value");
        var response = BrowserSession.server().post("/api/v1/observations", "{\"observations\":[{\"region\":\"CHN\","
                + "\"series\":\"BX.KLT.DINV.WD.GD.ZS\",\"period\":" + year + ",\"value\":2.25}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        page.waitUntil(Duration.ofSeconds(3), d -> {
            String shown = page.byId("composite-score").getAttribute("data-value");
            return !shown.equals(before)
                    && Double.parseDouble(shown) == page.latest("CHN").get("composite").get("score").asDouble();
        });
        assertThat(page.driver().executeScript("return window.__sameDocument === true;")).isEqualTo(true);
    }
}
