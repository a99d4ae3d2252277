package io.ballast.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Year;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The chosen years: the overview and every chart keep to them; quick ranges, the time slider (by keyboard too) and
 * Play change them, and the URL follows.
 */
@ExtendWith(BrowserSession.class)
class YearsBrowserTest {

    private static final int THIS_YEAR = Year.now().getValue();

    private final DashboardPage page = BrowserSession.page();

    private int param(String name) {
        return Integer.parseInt(page.urlParams().get(name));
    }

    /** The last year with a score of any line of CHN. */
    private int latestYearOfChina() {
        int latest = 0;
        for (String id : new String[] {"composite", "export-control-exposure", "foreign-investment",
                "internal-capacity", "labor-conditions"}) {
            for (int year : page.history("CHN", id, 2000, THIS_YEAR).keySet()) {
                latest = Math.max(latest, year);
            }
        }
        return latest;
    }

    @Test
    void theOverviewAndTheHistoryChartShowTheLastChosenYear() {
        page.open("?from=2005&to=2015");
        Map<Integer, Double> composite = page.history("CHN", "composite", 2005, 2015);
        assertThat(page.text("composite-period")).isEqualTo("2015");
        DashboardBrowserTest.assertShowsScore(page.byId("composite-score"), composite.get(2015));
        assertThat(page.text("composite-change")).contains("on 2014");
        assertThat(page.byId("overview-asof").isDisplayed()).isTrue();
        assertThat(page.text("overview-asof")).contains("2015")
                .contains(page.latest("CHN").get("period").asText());
        for (JsonNode indicator : page.latest("CHN").get("indicators")) {
            String id = indicator.get("id").asText();
            Double score = page.history("CHN", id, 2005, 2015).get(2015);
            var card = page.driver().findElement(By.cssSelector("[data-card='" + id + "'] [data-indicator]"));
            DashboardBrowserTest.assertShowsScore(card, score);
        }
        Map<?, ?> x = (Map<?, ?>) page.js("const s = Chart.getChart('history-chart').scales.x; "
                + "return {min: s.min, max: s.max};");
        assertThat(((Number) x.get("min")).doubleValue()).isEqualTo(2005);
        assertThat(((Number) x.get("max")).doubleValue()).isLessThan(2016);
        assertThat(page.line("history-chart", "Composite").byYear()).isEqualTo(composite);

        // back to the latest
        page.byId("show-latest").click();
        page.waitUntil(Duration.ofSeconds(5), d -> page.text("composite-period")
                .equals(page.latest("CHN").get("period").asText()));
        assertThat(page.byId("overview-asof").isDisplayed()).isFalse();
    }

    @Test
    void quickRangesChooseTheLastYearsWithData() {
        page.open("");
        int latest = latestYearOfChina();
        page.driver().findElement(By.cssSelector("[data-range='10']")).click();
        page.waitUntil(Duration.ofSeconds(5), d -> page.urlParams().get("to").equals(String.valueOf(latest)));
        assertThat(param("from")).isEqualTo(latest - 9);
        assertThat(page.driver().findElement(By.cssSelector("[data-range='10']")).getAttribute("aria-pressed"))
                .isEqualTo("true");
        page.waitUntil(Duration.ofSeconds(5), d -> page.line("history-chart", "Composite").byYear().keySet().stream()
                .allMatch(year -> year >= latest - 9));
        page.driver().findElement(By.cssSelector("[data-range='all']")).click();
        page.waitUntil(Duration.ofSeconds(5), d -> param("from") == 2000 && param("to") == THIS_YEAR);
    }

    @Test
    void theSliderMovesEitherEndByKeyboard() {
        page.open("?from=2005&to=2020");
        page.byId("to-range").sendKeys(Keys.ARROW_LEFT);
        page.waitUntil(Duration.ofSeconds(5), d -> param("to") == 2019);
        page.byId("from-range").sendKeys(Keys.ARROW_RIGHT);
        page.waitUntil(Duration.ofSeconds(5), d -> param("from") == 2006);
        assertThat(page.byId("to").getAttribute("value")).isEqualTo("2019");
        page.waitUntil(Duration.ofSeconds(5), d -> page.line("history-chart", "Composite").byYear().keySet().stream()
                .allMatch(year -> year >= 2006 && year <= 2019));
        // Back undoes a slider move
        page.driver().navigate().back();
        page.waitUntil(Duration.ofSeconds(5), d -> param("from") == 2005);
    }

    @Test
    void playMovesTheLastYearForwardOneYearAtATimeAndPauseStopsIt() {
        page.open("?from=2015&to=2016");
        page.byId("play").click();
        assertThat(page.byId("play").getAttribute("aria-pressed")).isEqualTo("true");
        page.waitUntil(Duration.ofSeconds(5), d -> param("to") >= 2018);
        assertThat(param("from")).isEqualTo(2015);
        page.byId("play").click();
        assertThat(page.byId("play").getAttribute("aria-pressed")).isEqualTo("false");
        assertThat(page.text("play")).contains("Play");
        page.waitUntil(Duration.ofSeconds(5), d -> page.text("composite-period").equals(String.valueOf(
                Math.min(param("to"), page.latest("CHN").get("period").asInt()))));
    }
}
