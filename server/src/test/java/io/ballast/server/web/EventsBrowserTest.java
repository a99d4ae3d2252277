package io.ballast.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The export-control events on the history chart: one numbered marker per quarter that never overlaps another, a box
 * of the quarter's events kept inside the plot, a list below the chart whose rows mark their marker, sources that are
 * links to the documents, and a layer that can be switched off and filtered, all kept in the URL.
 */
@ExtendWith(BrowserSession.class)
class EventsBrowserTest {

    private final DashboardPage page = BrowserSession.page();

    private List<Map<?, ?>> badges() {
        return ((List<?>) page.eventLayout().get("badges")).stream().<Map<?, ?>>map(b -> (Map<?, ?>) b).toList();
    }

    private static double num(Map<?, ?> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    /** Badges on the same row must not touch; every badge lies within the canvas. */
    private void assertBadgesStandApart() {
        List<Map<?, ?>> badges = badges();
        assertThat(badges).isNotEmpty();
        double canvasWidth = ((Number) page.js("return Chart.getChart('history-chart').width;")).doubleValue();
        for (int i = 0; i < badges.size(); i++) {
            Map<?, ?> a = badges.get(i);
            assertThat(num(a, "x")).isGreaterThanOrEqualTo(0);
            assertThat(num(a, "x") + num(a, "w")).isLessThanOrEqualTo(canvasWidth);
            for (int j = i + 1; j < badges.size(); j++) {
                Map<?, ?> b = badges.get(j);
                boolean sameRow = num(a, "y") == num(b, "y");
                boolean overlap = num(a, "x") < num(b, "x") + num(b, "w") && num(b, "x") < num(a, "x") + num(a, "w");
                assertThat(sameRow && overlap).as("badges %s and %s overlap", a.get("text"), b.get("text")).isFalse();
            }
        }
    }

    /** The box of events lies inside the plot area. */
    private void assertBoxInsidePlot() {
        Map<?, ?> layout = page.eventLayout();
        Map<?, ?> box = (Map<?, ?>) layout.get("box");
        Map<?, ?> area = (Map<?, ?>) layout.get("area");
        assertThat(box).as("the events box").isNotNull();
        assertThat(num(box, "x")).isGreaterThanOrEqualTo(num(area, "left"));
        assertThat(num(box, "x") + num(box, "w")).isLessThanOrEqualTo(num(area, "right"));
        assertThat(num(box, "y")).isGreaterThanOrEqualTo(num(area, "top"));
        assertThat(num(box, "y") + num(box, "h")).isLessThanOrEqualTo(num(area, "bottom"));
    }

    private List<String> boxLines() {
        Object box = page.eventLayout().get("box");
        return box == null ? List.of() : ((List<?>) ((Map<?, ?>) box).get("lines")).stream().map(String::valueOf)
                .toList();
    }

    @Test
    void eventsAreGroupedPerQuarterIntoNumberedMarkersThatNeverOverlapOnADesktopOrAPhone() {
        page.emulate(1440, 900, false);
        page.open("");
        int quarters = page.quartersWithEvents("CHN");
        assertThat(page.markerNumbers()).containsExactlyElementsOf(IntStream.rangeClosed(1, quarters).boxed().toList());
        assertBadgesStandApart();
        // at 1440 px there is room for one badge per quarter
        assertThat(badges()).hasSize(quarters);

        page.emulate(390, 844, true);
        page.open("");
        assertThat(page.markerNumbers()).containsExactlyElementsOf(IntStream.rangeClosed(1, quarters).boxed().toList());
        assertBadgesStandApart();
    }

    @Test
    void pointingAtAMarkerShowsItsEventsInABoxInsideThePlot() {
        for (int width : new int[] {1280, 390}) {
            page.emulate(width, 900, width < 600);
            page.open("");
            WebElement canvas = page.byId("history-chart");
            page.js("arguments[0].scrollIntoView({block: 'center'});", canvas);
            Map<?, ?> first = badges().get(0);
            Map<?, ?> last = badges().get(badges().size() - 1);
            for (Map<?, ?> badge : List.of(first, last)) {
                new Actions(page.driver()).moveToElement(canvas,
                        (int) (num(badge, "x") + num(badge, "w") / 2 - canvas.getSize().getWidth() / 2.0),
                        (int) (num(badge, "y") + num(badge, "h") / 2 - canvas.getSize().getHeight() / 2.0)).perform();
                page.waitUntil(Duration.ofSeconds(3), d -> !boxLines().isEmpty());
                assertBoxInsidePlot();
            }
            String firstDate = page.api("/api/v1/events?region=CHN").get("events").get(0).get("date").asText();
            new Actions(page.driver()).moveToElement(canvas,
                    (int) (num(first, "x") + num(first, "w") / 2 - canvas.getSize().getWidth() / 2.0),
                    (int) (num(first, "y") + num(first, "h") / 2 - canvas.getSize().getHeight() / 2.0)).perform();
            page.waitUntil(Duration.ofSeconds(3), d -> String.join(" ", boxLines()).contains(firstDate));
            assertThat(String.join(" ", boxLines())).contains("Source:");
            // away from the badges the box goes
            new Actions(page.driver()).moveToElement(canvas, -canvas.getSize().getWidth() / 2 + 70,
                    canvas.getSize().getHeight() / 2 - 40).perform();
            page.waitUntil(Duration.ofSeconds(3), d -> boxLines().isEmpty());
        }
    }

    @Test
    void everyEventSourceIsALinkToItsDocument() {
        page.open("");
        JsonNode events = page.api("/api/v1/events?region=CHN").get("events");
        List<WebElement> rows = page.driver().findElements(By.cssSelector("#events-table tbody tr"));
        assertThat(rows).hasSize(events.size());
        for (WebElement row : rows) {
            List<WebElement> links = row.findElements(By.cssSelector("td:last-child a"));
            assertThat(links).as("a source link in %s", row.getText()).hasSize(1);
            URI href = URI.create(links.get(0).getAttribute("href"));
            assertThat(href.getScheme()).isIn("http", "https");
            assertThat(href.getHost()).as("no staging site").doesNotStartWith("stage.").doesNotContain("staging");
            // a document: a path beyond the root, or a query naming one (a blog's "/?p=618354")
            boolean root = href.getPath().isEmpty() || href.getPath().equals("/");
            assertThat(root && href.getQuery() == null).as("a document, not a homepage: %s", href).isFalse();
        }
        for (JsonNode event : events) {
            String source = event.get("source").asText();
            if (source.startsWith("Federal Register ")) {
                String doc = source.substring("Federal Register ".length());
                assertThat(page.driver().findElements(By.cssSelector(
                        "#events-table a[href='https://www.federalregister.gov/d/" + doc + "']"))).hasSize(1);
            }
        }
    }

    @Test
    void eachEventSaysWhomItTargetsItsScopeAndHowManyEntitiesItLists() {
        page.emulate(1440, 900, false);
        page.open("");
        JsonNode events = page.api("/api/v1/events?region=CHN").get("events");
        List<String> headers = page.driver().findElements(By.cssSelector("#events-table thead th")).stream()
                .map(h -> h.getAttribute("textContent")).toList();
        int targets = headers.indexOf("Targets");
        int scope = headers.indexOf("Scope");
        int entities = headers.indexOf("Entities");
        assertThat(List.of(targets, scope, entities)).doesNotContain(-1);
        List<WebElement> rows = page.driver().findElements(By.cssSelector("#events-table tbody tr"));
        assertThat(rows).hasSize(events.size());
        Map<String, String> scopes = Map.of("targeted", "targeted", "all-importers", "all importers",
                "all-destinations", "all destinations");
        boolean severalTargets = false;
        for (int i = 0; i < rows.size(); i++) {
            JsonNode e = events.get(i);
            List<String> cells = rows.get(i).findElements(By.cssSelector("th, td")).stream()
                    .map(c -> c.getAttribute("textContent").strip()).toList();
            List<String> codes = new ArrayList<>();
            e.get("targets").forEach(t -> codes.add(t.asText()));
            severalTargets |= codes.size() > 1;
            assertThat(cells.get(1)).isEqualTo(e.get("date").asText());
            assertThat(cells.get(targets)).isEqualTo(String.join(", ", codes));
            assertThat(cells.get(scope)).isEqualTo(scopes.get(e.get("scope").asText()));
            assertThat(cells.get(entities)).isEqualTo(e.get("entities").isNull() ? "—" : e.get("entities").asText());
        }
        assertThat(severalTargets).as("an event aimed at several economies").isTrue();
        // and the box on the chart says it too
        WebElement row = rows.get(rows.size() - 1);
        page.js("arguments[0].scrollIntoView({block: 'end'});", row);
        row.sendKeys(Keys.SHIFT);
        page.waitUntil(Duration.ofSeconds(3), d -> !boxLines().isEmpty());
        JsonNode last = events.get(events.size() - 1);
        assertThat(String.join(" ", boxLines())).contains(last.get("jurisdiction").asText() + " on "
                + last.get("targets").get(0).asText()).contains(scopes.get(last.get("scope").asText()));
    }

    @Test
    void focusingAnEventRowMarksItsMarkerOnTheChartJustAbove() {
        page.emulate(1440, 900, false);
        page.open("");
        List<WebElement> rows = page.driver().findElements(By.cssSelector("#events-table tbody tr"));
        WebElement row = rows.get(2);
        page.js("arguments[0].scrollIntoView({block: 'end'});", row);
        row.sendKeys(Keys.SHIFT); // focuses the row without activating anything
        page.waitUntil(Duration.ofSeconds(3), d -> !boxLines().isEmpty());
        String date = page.api("/api/v1/events?region=CHN").get("events").get(2).get("date").asText();
        assertThat(String.join(" ", boxLines())).contains(date);
        assertBoxInsidePlot();
        // the marked chart is on screen with the row, not a page away
        Map<?, ?> gap = (Map<?, ?>) page.js("""
                const canvas = document.getElementById('history-chart').getBoundingClientRect();
                const row = arguments[0].getBoundingClientRect();
                return {canvasBottom: canvas.bottom, canvasTop: canvas.top, rowTop: row.top, height: innerHeight};
                """, row);
        assertThat(num(gap, "canvasBottom")).isGreaterThan(0);
        assertThat(num(gap, "canvasTop")).isLessThan(num(gap, "height"));
        assertThat(num(gap, "rowTop") - num(gap, "canvasBottom")).isLessThan(400);
        page.js("arguments[0].blur();", row);
        page.waitUntil(Duration.ofSeconds(3), d -> boxLines().isEmpty());
    }

    @Test
    void theLayerCanBeSwitchedOffAndFilteredByJurisdictionAndTypeAndTheUrlKeepsIt() {
        page.open("");
        JsonNode events = page.api("/api/v1/events?region=CHN").get("events");
        List<JsonNode> notUs = new ArrayList<>();
        Set<String> quarters = new TreeSet<>();
        for (JsonNode e : events) {
            if (!List.of(e.get("jurisdiction").asText().split("\\+")).contains("USA")) {
                notUs.add(e);
                String date = e.get("date").asText();
                quarters.add(date.substring(0, 4) + "Q" + ((Integer.parseInt(date.substring(5, 7)) - 1) / 3));
            }
        }
        assertThat(notUs).isNotEmpty();
        assertThat(page.driver().findElements(By.cssSelector("#events-types input"))).isNotEmpty();

        page.driver().findElement(By.cssSelector("label[for='imposed-by-USA']")).click();
        page.waitUntil(Duration.ofSeconds(5), d -> page.urlParams().containsKey("imposedBy"));
        assertThat(page.urlParams().get("imposedBy").split(",")).doesNotContain("USA");
        page.waitUntil(Duration.ofSeconds(5), d -> page.driver()
                .findElements(By.cssSelector("#events-table tbody tr")).size() == notUs.size());
        assertThat(page.markerNumbers()).hasSize(quarters.size());

        page.byId("events-toggle").click();
        page.waitUntil(Duration.ofSeconds(5), d -> "off".equals(page.urlParams().get("events")));
        page.waitUntil(Duration.ofSeconds(5), d -> page.markerNumbers().isEmpty());

        // a link reproduces it
        page.driver().navigate().refresh();
        page.waitReady();
        assertThat(page.byId("events-toggle").isSelected()).isFalse();
        assertThat(page.byId("imposed-by-USA").isSelected()).isFalse();
        assertThat(page.markerNumbers()).isEmpty();
    }

    @Test
    void anEventAddedWhileTheDashboardIsOpenIsAnnotatedAtOnceAndGoesWhenRetracted() {
        page.emulate(1440, 900, false);
        page.open("?region=KOR&from=2018");
        page.waitForLive();
        page.driver().executeScript("window.__sameDocument = true;");
        String title = "Live annotation test: export ban on drone parts";
        assertThat(page.text("events-table")).doesNotContain(title);
        var server = BrowserSession.server();
        var posted = server.post("/api/v1/events", "{\"events\":[{\"id\":\"live-annotation-test\","
                + "\"date\":\"2024-05-15\",\"jurisdiction\":\"CHN\",\"targets\":[\"KOR\"],\"type\":"
                + "\"product-control\",\"direction\":\"tighten\",\"scope\":\"targeted\",\"title\":\"" + title
                + "\",\"source\":\"https://www.mofcom.gov.cn/example\"}]}");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        page.waitUntil(Duration.ofSeconds(3), d -> page.text("events-table").contains(title));
        assertThat(page.markerNumbers()).isNotEmpty();

        var retracted = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/events/"
                + "live-annotation-test")).header("Authorization", "Bearer " + io.ballast.server.TestServer.TOKEN)
                .DELETE().build());
        assertThat(retracted.statusCode()).isEqualTo(204);
        page.waitUntil(Duration.ofSeconds(3), d -> !page.text("events-table").contains(title));
        assertThat(page.driver().executeScript("return window.__sameDocument === true;")).isEqualTo(true);
    }
}
