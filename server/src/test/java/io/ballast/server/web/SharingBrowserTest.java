package io.ballast.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Year;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Taking a view elsewhere: a share link with the whole view, an embed code whose page only that view may be framed
 * in, a Sources tab with a ready citation, and the methodology page's way back to the same view.
 */
@ExtendWith(BrowserSession.class)
class SharingBrowserTest {

    private static final int THIS_YEAR = Year.now().getValue();

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
    void theEmbedViewDrawsTheChartAndOnlyThatPageMayBeFramed() {
        page.openPage("/embed.html?chart=history&region=CHN&from=2005&to=2020");
        assertThat(page.text("embed-title")).contains("China").contains("2005").contains("2020");
        assertThat(page.line("embed-chart", "Composite").byYear()).isEqualTo(page.history("CHN", "composite", 2005,
                2020));
        assertThat(page.text("embed-sources")).contains("World Bank").contains("CC BY 4.0");
        assertThat(page.byId("open-link").getAttribute("href")).contains("region=CHN").contains("from=2005");

        page.openPage("/embed.html?chart=compare&compare=CHN,USA&measure=labor-conditions");
        assertThat(page.chart("embed-chart")).hasSize(2);
        assertThat(page.line("embed-chart", "United States").byYear())
                .isEqualTo(page.history("USA", "labor-conditions", 2000, THIS_YEAR));

        // the frame policy: any site may frame the embed page, no site the dashboard
        var server = BrowserSession.server();
        assertThat(server.get("/embed.html").headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors *").doesNotContain("frame-ancestors 'none'").contains("object-src 'none'");
        for (String path : new String[] {"/", "/methodology.html", "/admin.html", "/api/v1/regions"}) {
            assertThat(server.get(path).headers().firstValue("Content-Security-Policy").orElseThrow()).as(path)
                    .contains("frame-ancestors 'none'");
        }
        // and the browser keeps to it
        page.open("");
        BrowserSession.expectConsoleErrors(Pattern.compile("frame-ancestors 'none'|Refused to frame|chrome-error"));
        page.js("""
                for (const [id, src] of [['framed-embed', '/embed.html?chart=history'], ['framed-page', '/']]) {
                  const frame = document.createElement('iframe');
                  frame.id = id;
                  frame.onload = () => { frame.dataset.loaded = 'true'; };
                  frame.src = src;
                  document.body.append(frame);
                }
                """);
        page.waitUntil(Duration.ofSeconds(10), d -> Boolean.TRUE.equals(page.js("""
                const doc = document.getElementById('framed-embed').contentDocument;
                return doc?.body?.dataset.ready === 'true';
                """)));
        page.waitUntil(Duration.ofSeconds(10), d -> "true".equals(page.js(
                "return document.getElementById('framed-page').dataset.loaded;")));
        assertThat(page.js("return document.getElementById('framed-page').contentDocument?.getElementById('main');"))
                .as("the dashboard inside a frame").isNull();
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
        page.driver().findElement(By.cssSelector("a.header-link[href^='methodology.html']")).click();
        page.waitUntil(Duration.ofSeconds(5), d -> d.getCurrentUrl().contains("/methodology.html"));
        page.byId("back-link").click();
        page.waitReady();
        assertThat(page.driver().getCurrentUrl()).isEqualTo(view);
        assertThat(page.text("region-name")).isEqualTo("Germany");
        assertThat(page.byId("from").getAttribute("value")).isEqualTo("2010");
        assertThat(page.text("drill-name")).isEqualTo("Labor conditions");
    }
}
