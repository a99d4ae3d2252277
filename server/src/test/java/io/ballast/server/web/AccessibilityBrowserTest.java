package io.ballast.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.server.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Accessibility as axe-core (vendored under /vendor/axe.min.js, loaded by the tests only) sees it: no serious or
 * critical violation on any page, on a desktop and on a phone; charts with text alternatives; tabs by keyboard.
 */
@ExtendWith(BrowserSession.class)
class AccessibilityBrowserTest {

    private final DashboardPage page = BrowserSession.page();

    @Test
    void theDashboardHasNoSeriousAccessibilityProblemsOnADesktop() {
        page.emulate(1440, 900, false);
        page.open("?compare=CHN,USA,KOR,IND");
        page.byId("history-share").click();
        page.waitUntil(Duration.ofSeconds(5), d -> page.driver().findElements(By.id("history-share-link")).size() == 1);
        assertThat(page.seriousAxeViolations()).isEmpty();
        for (WebElement canvas : page.driver().findElements(By.tagName("canvas"))) {
            assertThat(canvas.getAttribute("role")).isEqualTo("img");
            assertThat(canvas.getAttribute("aria-label")).hasSizeGreaterThan(40);
        }
    }

    @Test
    void theDashboardHasNoSeriousAccessibilityProblemsOnAPhone() {
        page.emulate(390, 844, true);
        page.open("?compare=CHN,USA,KOR,IND");
        assertThat(page.seriousAxeViolations()).isEmpty();
    }

    @Test
    void theOtherPagesHaveNoSeriousAccessibilityProblems() {
        BrowserSession.expectConsoleErrors(Pattern.compile("/api/v1/admin/plugins/_token-check_/enable.*404"));
        for (String path : List.of("/methodology.html", "/embed.html?chart=history", "/embed.html?chart=compare",
                "/admin.html")) {
            page.openPage(path);
            assertThat(page.seriousAxeViolations()).as(path).isEmpty();
        }
        page.byId("token").sendKeys(TestServer.TOKEN, Keys.ENTER);
        page.waitUntil(Duration.ofSeconds(5),
                d -> !page.driver().findElements(By.cssSelector("#plugins-table tbody tr")).isEmpty());
        assertThat(page.seriousAxeViolations()).as("the admin page, signed in").isEmpty();
        page.byId("sign-out").click();
    }

    @Test
    void tabsFollowTheArrowKeys() {
        page.open("");
        WebElement chart = page.byId("history-tab-chart");
        chart.sendKeys(Keys.ARROW_RIGHT);
        page.waitUntil(Duration.ofSeconds(2), d -> "true".equals(page.byId("history-tab-table")
                .getAttribute("aria-selected")));
        assertThat(page.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("history-tab-table");
        assertThat(page.byId("history-panel-table").isDisplayed()).isTrue();
        assertThat(page.byId("history-panel-chart").isDisplayed()).isFalse();
        assertThat(page.byId("history-tab-chart").getAttribute("tabindex")).isEqualTo("-1");
    }
}
