package io.ballast.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Year;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the charts draw: colours with contrast that never mean two things, fixed symbols in tooltips and legends,
 * legends whose toggles work by keyboard and live in the URL, gaps drawn as gaps, labels at the line ends that
 * highlight their line, and the relative-change view.
 */
@ExtendWith(BrowserSession.class)
class ChartsBrowserTest {

    private static final By LABOR_TOGGLE = By.cssSelector("#history-legend [data-line='labor-conditions']");

    private static final int THIS_YEAR = Year.now().getValue();

    private final DashboardPage page = BrowserSession.page();

    private List<String> colours(String canvas) {
        return ((List<?>) page.js("return Chart.getChart(arguments[0]).data.datasets.map(d => d.ballastLook.colour);",
                canvas)).stream().map(String::valueOf).toList();
    }

    private List<Map<?, ?>> endLabels(String canvas) {
        page.waitUntil(Duration.ofSeconds(5), d -> page.js("return Chart.getChart(arguments[0])?.$ballastEnds;",
                canvas) != null);
        return ((List<?>) page.js("return Chart.getChart(arguments[0]).$ballastEnds;", canvas)).stream()
                .<Map<?, ?>>map(m -> (Map<?, ?>) m).toList();
    }

    @Test
    void lineColoursStandOutOnWhiteAndEconomiesNeverReuseAnIndicatorsColour() {
        page.open("?compare=CHN,USA,DEU,JPN,KOR,IND");
        page.waitUntil(Duration.ofSeconds(5), d -> page.chart("compare-chart").size() == 6);
        List<String> indicators = colours("history-chart");
        List<String> economies = colours("compare-chart");
        for (String colour : indicators) {
            assertThat(DashboardPage.contrast(colour, "#ffffff")).as(colour).isGreaterThanOrEqualTo(3.0);
        }
        for (String colour : economies) {
            assertThat(DashboardPage.contrast(colour, "#ffffff")).as(colour).isGreaterThanOrEqualTo(3.0);
        }
        Set<String> shared = new HashSet<>(indicators);
        shared.retainAll(economies);
        assertThat(shared).as("colours used for an indicator and an economy").isEmpty();
        assertThat(new HashSet<>(economies)).hasSize(6);
        // labels at the line ends are text: 4.5:1
        for (String canvas : List.of("history-chart", "compare-chart")) {
            for (Map<?, ?> label : endLabels(canvas)) {
                assertThat(DashboardPage.contrast((String) label.get("colour"), "#ffffff")).as(label.get("text")
                        .toString()).isGreaterThanOrEqualTo(4.5);
            }
        }
        // the economy picker's swatches are the economies' colours
        List<WebElement> swatches = page.driver().findElements(By.cssSelector("#compare-regions .swatch"));
        assertThat(swatches).hasSize(6);
    }

    @Test
    void theTooltipAndTheLegendKeepEachLinesSymbolInWarningYears() {
        page.open("");
        JsonNode points = page.api("/api/v1/scores/history?region=CHN&indicator=composite&from=2000&to=" + THIS_YEAR)
                .get("points");
        int warned = -1;
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).has("warnings")) {
                warned = points.get(i).get("period").asInt();
                break;
            }
        }
        assertThat(warned).as("a year with a divergence warning").isPositive();
        Map<?, ?> shown = (Map<?, ?>) page.js("""
                const chart = Chart.getChart('history-chart');
                const index = chart.data.datasets[0].data.findIndex(p => p.x === arguments[0]);
                const point = chart.getDatasetMeta(0).data[index];
                chart.tooltip.setActiveElements([{datasetIndex: 0, index}], {x: point.x, y: point.y});
                chart.update('none');
                return {pointStyle: chart.tooltip.labelPointStyles[0].pointStyle,
                        colour: chart.tooltip.labelColors[0].backgroundColor,
                        drawn: point.options.pointStyle};
                """, warned);
        assertThat(shown.get("drawn")).as("the point itself marks the warning").isEqualTo("triangle");
        assertThat(shown.get("pointStyle")).isEqualTo("circle");
        assertThat(shown.get("colour")).isEqualTo("#000000");
        // the legend: one entry per line with its own symbol, and keys for the warning marker and the event markers
        WebElement composite = page.driver().findElement(By.cssSelector("#history-legend [data-line='composite']"));
        assertThat(composite.findElements(By.cssSelector("svg circle"))).hasSize(1);
        String legend = page.text("history-legend");
        assertThat(legend).contains("divergence warning").contains("export-control events");
    }

    @Test
    void legendTogglesWorkByKeyboardAndLiveInTheUrl() {
        page.open("");
        WebElement labor = page.driver().findElement(LABOR_TOGGLE);
        assertThat(labor.getTagName()).isEqualTo("button");
        assertThat(labor.getAttribute("aria-pressed")).isEqualTo("true");
        pressOnLaborToggle(Keys.SPACE);
        page.waitUntil(Duration.ofSeconds(5), d -> "labor-conditions".equals(page.urlParams().get("hide")));
        page.waitUntil(Duration.ofSeconds(5), d -> Boolean.FALSE.equals(page.js("""
                const chart = Chart.getChart('history-chart');
                return chart.isDatasetVisible(chart.data.datasets.findIndex(d => d.ballastId === 'labor-conditions'));
                """)));
        assertThat(page.driver().findElement(LABOR_TOGGLE).getAttribute("aria-pressed")).isEqualTo("false");
        assertThat(page.js("return document.activeElement.dataset.line;"))
                .as("the legend is drawn anew with the chart; the keyboard's focus stays on the entry")
                .isEqualTo("labor-conditions");

        page.driver().navigate().refresh();
        page.waitReady();
        assertThat(page.driver().findElement(LABOR_TOGGLE).getAttribute("aria-pressed")).isEqualTo("false");
        pressOnLaborToggle(Keys.ENTER);
        page.waitUntil(Duration.ofSeconds(5), d -> !page.urlParams().containsKey("hide"));
    }

    /**
     * Presses a key on the labor-conditions legend entry. The legend is drawn again whenever the chart is (a live
     * event may arrive just after the page is ready): the key goes to the entry as it is once it takes keys.
     */
    private void pressOnLaborToggle(Keys key) {
        new WebDriverWait(page.driver(), Duration.ofSeconds(5), Duration.ofMillis(25))
                .ignoring(ElementNotInteractableException.class).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(LABOR_TOGGLE).sendKeys(key);
                    return true;
                });
    }

    @Test
    void gapsInASeriesAreDrawnAsGaps() {
        // No input series of the bundled data has a gap, so one is made: a value of 1996, before the first scored
        // year (nothing is rescored), three years before China's ICT imports begin.
        String code = "TM.VAL.ICTG.ZS.UN";
        var posted = BrowserSession.server().post("/api/v1/observations", "{\"observations\":[{\"region\":\"CHN\","
                + "\"series\":\"" + code + "\",\"period\":1996,\"value\":20.5}]}");
        assertThat(posted.statusCode()).isEqualTo(200);
        page.open("?indicator=export-control-exposure&series=" + code + "&from=1990");
        page.waitUntil(Duration.ofSeconds(5), d -> page.text("series-provenance").contains(code));
        Map<?, ?> drawn = (Map<?, ?>) page.js("""
                const d = Chart.getChart('series-chart').data.datasets[0];
                return {spanGaps: d.spanGaps, years: d.data.map(p => p.x), missing: d.data.filter(p => p.y === null)
                    .map(p => p.x)};
                """);
        List<Integer> years = ((List<?>) drawn.get("years")).stream().map(y -> ((Number) y).intValue()).toList();
        JsonNode points = page.api("/api/v1/series/" + code + "?region=CHN").get("points");
        Set<Integer> withValue = new HashSet<>();
        points.forEach(p -> withValue.add(p.get("period").asInt()));
        List<Integer> gaps = years.stream().filter(y -> !withValue.contains(y)).toList();
        assertThat(gaps).as("years inside the series without a value").containsExactly(1997, 1998, 1999);
        assertThat(((List<?>) drawn.get("missing")).stream().map(y -> ((Number) y).intValue()).toList())
                .isEqualTo(gaps);
        assertThat(drawn.get("spanGaps")).isEqualTo(false);
    }

    @Test
    void eachLineIsLabelledAtItsEndAndPointingAtALabelHighlightsItsLine() {
        page.open("");
        List<Map<?, ?>> labels = endLabels("history-chart");
        List<String> lines = page.chart("history-chart").stream().map(DashboardPage.Line::label).toList();
        assertThat(labels.stream().map(l -> (String) l.get("text")).toList())
                .allMatch(text -> lines.stream().anyMatch(line -> line.startsWith(text.replace("…", ""))));
        assertThat(labels).hasSize(lines.size());
        WebElement canvas = page.byId("history-chart");
        page.js("arguments[0].scrollIntoView({block: 'center'});", canvas);
        Map<?, ?> label = labels.get(0);
        int index = ((Number) label.get("index")).intValue();
        new Actions(page.driver()).moveToElement(canvas,
                (int) (((Number) label.get("x")).doubleValue() + 5 - canvas.getSize().getWidth() / 2.0),
                (int) (((Number) label.get("y")).doubleValue() - canvas.getSize().getHeight() / 2.0)).perform();
        page.waitUntil(Duration.ofSeconds(3), d -> Long.valueOf(index).equals(
                page.js("return Chart.getChart('history-chart').$highlight ?? null;")));
        // the other lines fade
        Object faded = page.js("""
                const chart = Chart.getChart('history-chart');
                return chart.data.datasets.map((d, i) => chart.getDatasetMeta(i).dataset.options.borderColor);
                """);
        List<?> borders = (List<?>) faded;
        for (int i = 0; i < borders.size(); i++) {
            assertThat(String.valueOf(borders.get(i)).startsWith("rgba")).as("line %d faded", i).isEqualTo(i != index);
        }
        new Actions(page.driver()).moveToElement(page.byId("history-heading")).perform();
        page.waitUntil(Duration.ofSeconds(3), d -> page.js("return Chart.getChart('history-chart').$highlight ?? null;")
                == null);
    }

    @Test
    void relativeChangeIndexesEveryLineToItsFirstYearAndTheUrlKeepsIt() {
        page.open("?compare=CHN,KOR&from=2010&to=2020");
        page.waitUntil(Duration.ofSeconds(5), d -> page.chart("compare-chart").size() == 2);
        page.byId("compare-relative").click();
        page.waitUntil(Duration.ofSeconds(5), d -> "compare".equals(page.urlParams().get("relative")));
        page.waitUntil(Duration.ofSeconds(5), d -> page.line("compare-chart", "China").byYear().get(2010) == 100.0);
        for (var entry : Map.of("China", "CHN", "Korea, Rep.", "KOR").entrySet()) {
            Map<Integer, Double> api = page.history(entry.getValue(), "composite", 2010, 2020);
            double first = api.get(2010);
            Map<Integer, Double> shown = page.line("compare-chart", entry.getKey()).byYear();
            api.forEach((year, score) -> assertThat(shown.get(year)).isCloseTo(score / first * 100, within(1e-9)));
        }
        assertThat(page.js("return Chart.getChart('compare-chart').options.scales.y.title.text;"))
                .asString().contains("first year shown = 100");
    }
}
