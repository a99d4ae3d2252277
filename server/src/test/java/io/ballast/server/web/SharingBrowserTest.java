package io.ballast.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Taking a view elsewhere: a share link with the whole view and an embed code, a Sources tab with a ready citation,
 * and the methodology page's way back to the same view.
 */
@ExtendWith(BrowserSession.class)
class SharingBrowserTest {

    private final DashboardPage page = BrowserSession.page();

    @Test
    void theShareButtonGivesALinkWithTheWholeViewAndAnEmbedCode() {
        page.open("?region=DEU&compare=DEU,JPN&from=2008&to=2020&hide=internal-capacity&relative=compare");
        page.byId("history-share").click();
        page.waitUntil(Duration.ofSeconds(5), d -> page.driver().findElements(By.id("history-share-link")).size() == 1);
        assertThat(page.byId("history-share").getAttribute("aria-expanded")).isEqualTo("true");
        String link = page.byId("history-share-link").getAttribute("value");
        assertThat(link).isEqualTo(page.driver().getCurrentUrl()).contains("region=DEU").contains("from=2008")
                .contains("hide=internal-capacity").contains("relative=compare");
        String embed = page.byId("history-embed-code").getAttribute("value");
        assertThat(embed).startsWith("<iframe src=\"" + BrowserSession.server().uri("/embed.html?chart=history&"))
                .contains("region=DEU").contains("from=2008").contains("to=2020").contains("title=\"");
    }

    @Test
    void theSourcesTabListsTheSourcesWithTheirLicencesAndACitation() {
        page.open("?region=JPN");
        page.byId("history-tab-sources").click();
        page.waitUntil(Duration.ofSeconds(5), d -> page.text("history-sources").contains("Cite this"));
        String sources = page.text("history-sources");
        assertThat(sources).contains("World Bank, World Development Indicators").contains("CC BY 4.0")
                .contains("SL.UEM.TOTL.ZS");
        String citation = page.driver().findElement(By.cssSelector("#history-sources .citation")).getText();
        assertThat(citation).startsWith("Ballast (").contains("Japan").contains("Retrieved")
                .endsWith(page.driver().getCurrentUrl());
        assertThat(page.byId("history-panel-chart").isDisplayed()).isFalse();
    }

    @Test
    void backToTheDashboardFromTheMethodologyKeepsTheView() {
        page.open("?region=DEU&compare=DEU,IND&from=2010&to=2020&indicator=labor-conditions");
        String view = page.driver().getCurrentUrl();
        page.driver().findElement(By.cssSelector(".status-bar a.header-link")).click();
        page.waitUntil(Duration.ofSeconds(5), d -> d.getCurrentUrl().contains("/methodology.html"));
        page.byId("back-link").click();
        page.waitReady();
        assertThat(page.driver().getCurrentUrl()).isEqualTo(view);
        assertThat(page.text("region-name")).isEqualTo("Germany");
        assertThat(page.byId("from").getAttribute("value")).isEqualTo("2010");
        assertThat(page.text("drill-name")).isEqualTo("Labor conditions");
    }
}
