package io.ballast.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.server.TestServer;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The administration views (plugins, reload status) live on /admin.html, which shows nothing of them until a valid
 * admin token is pasted; the viewers' page has none of them.
 */
@ExtendWith(BrowserSession.class)
class AdminBrowserTest {

    /** The admin page's token check answers 401 or 404 by design; the browser logs those answers. */
    private static final Pattern CHECK = Pattern.compile("/api/v1/admin/plugins/_token-check_/enable.*(401|404)");

    private final DashboardPage page = BrowserSession.page();

    private int pluginRows() {
        return page.driver().findElements(By.cssSelector("#plugins-table tbody tr")).size();
    }

    private void signIn(String token) {
        page.byId("token").sendKeys(token, Keys.ENTER);
    }

    @Test
    void theViewersPageShowsNoAdministration() {
        page.open("");
        assertThat(page.driver().findElements(By.id("plugins-table"))).isEmpty();
        assertThat(page.driver().findElement(By.tagName("body")).getText()).doesNotContain("Indicator plugins");
    }

    @Test
    void theAdminPageShowsNothingWithoutAValidToken() {
        BrowserSession.expectConsoleErrors(CHECK);
        page.openPage("/admin.html");
        page.js("sessionStorage.clear();");
        page.openPage("/admin.html");
        assertThat(page.byId("sign-in").isDisplayed()).isTrue();
        assertThat(page.byId("admin").isDisplayed()).isFalse();
        assertThat(pluginRows()).isZero();
        signIn("not-the-token");
        page.waitUntil(Duration.ofSeconds(5), d -> page.byId("token-error").isDisplayed());
        assertThat(page.text("token-error")).contains("not valid");
        assertThat(pluginRows()).isZero();
        assertThat(page.js("return sessionStorage.getItem('ballast.adminToken');")).isNull();
    }

    @Test
    void withTheTokenItListsAndSwitchesThePluginsAndKeepsTheTokenForTheTab() {
        BrowserSession.expectConsoleErrors(CHECK);
        page.openPage("/admin.html");
        page.js("sessionStorage.clear();");
        page.openPage("/admin.html");
        signIn(TestServer.TOKEN);
        int plugins = page.api("/api/v1/indicators").get("indicators").size();
        page.waitUntil(Duration.ofSeconds(5), d -> pluginRows() == plugins);
        assertThat(page.text("reload-status")).contains("plugins started").contains("last change");
        assertThat(page.js("return sessionStorage.getItem('ballast.adminToken');")).isEqualTo(TestServer.TOKEN);
        try {
            page.driver().findElement(By.cssSelector("[data-plugin='labor-conditions']")).click();
            page.waitUntil(Duration.ofSeconds(5), d -> "DISABLED".equals(stateOf("labor-conditions")));
            page.driver().findElement(By.cssSelector("[data-plugin='labor-conditions']")).click();
            page.waitUntil(Duration.ofSeconds(5), d -> "STARTED".equals(stateOf("labor-conditions")));
        } finally {
            BrowserSession.server().post("/api/v1/admin/plugins/labor-conditions/enable", "");
        }
        // still signed in after a reload of the tab; signed out on request
        page.openPage("/admin.html");
        page.waitUntil(Duration.ofSeconds(5), d -> pluginRows() == plugins);
        page.byId("sign-out").click();
        assertThat(pluginRows()).isZero();
        assertThat(page.byId("sign-in").isDisplayed()).isTrue();
        assertThat(page.js("return sessionStorage.getItem('ballast.adminToken');")).isNull();
    }

    private String stateOf(String plugin) {
        return (String) page.js("return document.querySelector(`#plugins-table tr:has([data-plugin='${arguments[0]}'])"
                + " .badge`)?.dataset.state ?? null;", plugin);
    }
}
