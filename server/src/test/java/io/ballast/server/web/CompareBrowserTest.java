package io.ballast.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The comparison's ranking: whole at 1440 px with every economy, and on a phone it says that it scrolls. */
@ExtendWith(BrowserSession.class)
class CompareBrowserTest {

    private final DashboardPage page = BrowserSession.page();

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
        assertThat(headers).containsExactly("RANK", "ECONOMY", "SCORE", "YEAR", "CHANGE", "COVERAGE");
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
