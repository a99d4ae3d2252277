package io.ballast.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The comparison's ranking: the composite's like-for-like ranks in one year as the server gives them, with their
 * ranges and the reasons where there is no number; whole at 1440 px with every economy, and on a phone it says that
 * it scrolls.
 */
@ExtendWith(BrowserSession.class)
class CompareBrowserTest {

    private final DashboardPage page = BrowserSession.page();

    private static final List<String> ALL = List.of("CHN", "USA", "DEU", "JPN", "KOR", "IND");

    @Test
    void theRankingRanksTheCompositeLikeForLikeInOneYearWithRangesAndSaysWhyWhereThereIsNoRank() {
        page.waitForAnalysis();
        page.open("?compare=" + String.join(",", ALL));
        page.waitUntil(Duration.ofSeconds(5),
                d -> page.driver().findElements(By.cssSelector("#compare-ranking tbody tr")).size() == 6);
        // the year: the server's latest year with two or more composites
        JsonNode ranking = page.api("/api/v1/scores/ranking");
        int year = ranking.get("year").asInt();
        assertThat(page.byId("compare-ranking").getAttribute("data-year")).isEqualTo(String.valueOf(year));
        // the basis of the ranks: the inputs every ranked economy has
        String basis = null;
        for (JsonNode rank : ranking.get("ranks")) {
            if (!rank.get("position").isNull() && rank.hasNonNull("basis")) {
                basis = rank.get("basis").asText();
            }
        }
        assertThat(basis).as("the server's basis of the ranks").isNotNull();
        assertThat(page.byId("compare-ranking").findElement(By.tagName("caption")).getText())
                .contains("like-for-like ranks in " + year).contains("(" + basis + ")");
        Map<String, String> names = new HashMap<>();
        page.api("/api/v1/regions").get("regions").forEach(r -> names.put(r.get("code").asText(),
                r.get("name").asText()));
        // ranked economies first, in the server's order, each with its range from the uncertainty analysis
        List<JsonNode> ranks = new ArrayList<>();
        ranking.get("ranks").forEach(ranks::add);
        ranks.sort((a, b) -> Integer.compare(a.get("position").isNull() ? Integer.MAX_VALUE : a.get("position").asInt(),
                b.get("position").isNull() ? Integer.MAX_VALUE : b.get("position").asInt()));
        List<WebElement> rows = page.driver().findElements(By.cssSelector("#compare-ranking tbody tr"));
        String notes = page.text("compare-notes");
        int unranked = 0;
        for (int i = 0; i < rows.size(); i++) {
            JsonNode rank = ranks.get(i);
            String code = rank.get("region").asText();
            List<WebElement> cells = rows.get(i).findElements(By.cssSelector("td, th"));
            assertThat(cells.get(2).getText()).isEqualTo(names.get(code) + " (" + code + ")");
            if (rank.get("position").isNull()) {
                unranked++;
                assertThat(cells.get(0).getText()).isEqualTo("not ranked");
                assertThat(cells.get(3).getText()).isEqualTo("—");
                // the reason where the number would be: in the notes under the table
                assertThat(notes).contains(names.get(code) + ": " + rank.get("reason").asText().substring(0, 40));
                continue;
            }
            assertThat(cells.get(0).getText()).isEqualTo(rank.get("position").asText());
            assertThat(cells.get(3).getText()).isEqualTo(DashboardPage.oneDecimal(rank.get("score").asDouble()));
            assertThat(cells.get(4).getText()).isEqualTo(String.valueOf(year));
            JsonNode point = page.api("/api/v1/scores/history?region=" + code + "&from=" + year + "&to=" + year)
                    .get("points").get(0);
            JsonNode interval = point.get("rankInterval");
            int best = interval.get("best").asInt();
            int worst = interval.get("worst").asInt();
            assertThat(cells.get(1).getText()).isEqualTo(best == worst ? DashboardPage.ordinal(best)
                    : DashboardPage.ordinal(best) + "–" + DashboardPage.ordinal(worst));
            JsonNode change = point.get("change");
            assertThat(cells.get(5).getText()).isEqualTo(change.get("value").isNull() ? "none"
                    : DashboardPage.signed(change.get("value").asDouble()));
        }
        assertThat(unranked).as("economies without a composite in " + year).isPositive();

        // an indicator is not ranked: the server ranks composites only
        page.open("?compare=CHN,USA&measure=labor-conditions");
        page.waitUntil(Duration.ofSeconds(5),
                d -> page.driver().findElements(By.cssSelector("#compare-ranking tbody tr")).size() == 2);
        for (WebElement row : page.driver().findElements(By.cssSelector("#compare-ranking tbody tr"))) {
            assertThat(row.findElements(By.tagName("td")).get(0).getText()).isEqualTo("—");
        }
        assertThat(page.byId("compare-ranking").findElement(By.tagName("caption")).getText())
                .contains("not ranked");
    }

    private Map<?, ?> rankingBox() {
        return (Map<?, ?>) page.js("""
                const box = document.getElementById('compare-ranking').closest('.table-scroll');
                return {scroll: box.scrollWidth, client: box.clientWidth, overflow: box.dataset.overflow};
                """);
    }

    @Test
    void theRankingFitsAt1440PixelsWithEveryEconomy() {
        page.emulate(1440, 900, false);
        page.open("?compare=CHN,USA,DEU,JPN,KOR,IND");
        page.waitUntil(Duration.ofSeconds(5),
                d -> page.driver().findElements(By.cssSelector("#compare-ranking tbody tr")).size() == 6);
        Map<?, ?> box = rankingBox();
        assertThat(((Number) box.get("scroll")).intValue()).isLessThanOrEqualTo(((Number) box.get("client")).intValue());
        List<String> headers = page.driver().findElements(By.cssSelector("#compare-ranking thead th")).stream()
                .map(WebElement::getText).toList();
        assertThat(headers).containsExactly("RANK", "RANGE", "ECONOMY", "SCORE", "YEAR", "CHANGE", "COVERAGE");
        assertThat(box.get("overflow")).isEqualTo("false");
    }

    @Test
    void onAPhoneAWideTableShowsThatItScrollsSideways() {
        page.emulate(390, 844, true);
        page.open("?compare=CHN,USA,DEU,JPN,KOR,IND");
        page.waitUntil(Duration.ofSeconds(5),
                d -> page.driver().findElements(By.cssSelector("#compare-ranking tbody tr")).size() == 6);
        Map<?, ?> box = rankingBox();
        assertThat(((Number) box.get("scroll")).intValue()).isGreaterThan(((Number) box.get("client")).intValue());
        assertThat(box.get("overflow")).isEqualTo("true");
        WebElement hint = (WebElement) page.js(
                "return document.getElementById('compare-ranking').closest('.table-scroll').previousElementSibling;");
        assertThat(hint.getAttribute("class")).contains("scroll-hint");
        assertThat(hint.isDisplayed()).isTrue();
        assertThat(hint.getText()).contains("scrolls sideways");
    }
}
