package io.ballast.server.web;

import static io.ballast.server.web.DashboardPage.oneDecimal;
import static io.ballast.server.web.DashboardPage.ordinal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The overview as methodology v2 and the uncertainty analysis shape it: the one-sentence headline, the like-for-like
 * rank with its basis and range, the band, the sub-indices, and the server's reason wherever it gives no number.
 */
@ExtendWith(BrowserSession.class)
class OverviewBrowserTest {

    private final DashboardPage page = BrowserSession.page();

    /** The documented thresholds of docs/dashboard.md: five bands of 20 points. */
    private static String level(double score) {
        return score >= 80 ? "very high" : score >= 60 ? "high" : score >= 40 ? "moderate" : score >= 20 ? "low"
                : "very low";
    }

    private static String band(JsonNode band) {
        return oneDecimal(band.get("p5").asDouble()) + "–" + oneDecimal(band.get("p95").asDouble());
    }

    private static String rankRange(JsonNode interval) {
        int best = interval.get("best").asInt();
        int worst = interval.get("worst").asInt();
        return best == worst ? ordinal(best) : ordinal(best) + "–" + ordinal(worst);
    }

    @Test
    void theCompositeShowsItsLikeForLikeRankWithBasisAndRangeItsBandAndTheSubIndices() {
        page.waitForAnalysis();
        page.open("");
        JsonNode latest = page.latest("CHN");
        JsonNode composite = latest.get("composite");
        JsonNode rank = composite.get("rank");
        assertThat(rank.get("likeForLike").asBoolean()).as("China is ranked like for like").isTrue();
        assertThat(page.byId("composite-rank").getAttribute("data-position")).isEqualTo(rank.get("position").asText());
        assertThat(page.text("composite-rank")).isEqualTo(ordinal(rank.get("position").asInt()) + " of "
                + rank.get("of").asInt() + " in " + rank.get("year").asInt());
        assertThat(page.text("composite-rank-note")).contains("like for like").contains(rank.get("basis").asText())
                .contains("draws of the uncertainty analysis");
        assertThat(page.text("composite-rank-range")).contains(rankRange(composite.get("rankInterval")));
        // the change: like for like, with the inputs it rests on
        JsonNode change = composite.get("change");
        assertThat(change.get("likeForLike").asBoolean()).as("China's change is like for like").isTrue();
        assertThat(page.text("composite-change")).endsWith(DashboardPage.signed(change.get("value").asDouble())
                + " on " + change.get("from").asInt());
        assertThat(page.text("composite-change-note")).isEqualTo(change.has("note") ? change.get("note").asText()
                : "Like for like: " + change.get("basis").asText() + ".");
        assertThat(page.byId("composite-band").getAttribute("data-status")).isEqualTo("done");
        assertThat(page.text("composite-band")).isEqualTo(band(composite.get("band")));
        assertThat(page.text("composite-band-note")).contains("median " + oneDecimal(composite.get("band").get("p50")
                .asDouble()));
        for (String side : List.of("vulnerability", "capacity")) {
            WebElement value = page.byId("subindex-" + side);
            assertThat(Double.parseDouble(value.getAttribute("data-value")))
                    .isEqualTo(composite.get("subindices").get(side).asDouble());
            assertThat(page.text("subindex-" + side + "-band"))
                    .contains(band(composite.get("subindexBands").get(side)));
        }
        assertThat(page.driver().findElement(By.cssSelector(".subindices")).getText())
                .contains("higher = more vulnerable");
    }

    @Test
    void whereTheServerGivesNoNumberThePageGivesItsReason() {
        page.waitForAnalysis();
        // a composite without a like-for-like rank: Japan's latest year has no other composite to rank it against
        page.open("?region=JPN");
        JsonNode japan = page.latest("JPN").get("composite").get("rank");
        assertThat(japan.get("position").isNull()).as("Japan's latest composite has no rank").isTrue();
        assertThat(page.text("composite-rank")).isEqualTo("not ranked");
        assertThat(page.byId("composite-rank").getAttribute("data-position")).isEmpty();
        assertThat(page.text("composite-rank-note")).contains(japan.get("reason").asText());

        // no composite at all: Germany; the reason stands where the number would be, and so for its withheld readings
        page.open("?region=DEU");
        JsonNode germany = page.latest("DEU");
        assertThat(germany.get("composite").isNull()).isTrue();
        assertThat(page.byId("composite-big").isDisplayed()).isFalse();
        JsonNode withheldComposite = germany.get("compositeWithheld");
        // the server's reason, without its lead "no composite in 2025: " that the sentence has just said
        String reason = withheldComposite.get("reason").asText();
        String lead = "no composite in " + withheldComposite.get("period").asInt() + ": ";
        assertThat(reason).startsWith(lead);
        assertThat(page.text("composite-withheld"))
                .startsWith("No composite score for " + withheldComposite.get("period").asInt() + ": "
                        + reason.substring(lead.length(), lead.length() + 60))
                .doesNotContainIgnoringCase(lead);
        int withheld = 0;
        for (JsonNode indicator : germany.get("indicators")) {
            WebElement card = page.driver().findElement(By.cssSelector("[data-card='" + indicator.get("id").asText()
                    + "']"));
            if (indicator.get("score").isNull()) {
                withheld++;
                assertThat(card.findElement(By.cssSelector(".score")).isDisplayed()).isFalse();
                assertThat(card.findElement(By.cssSelector(".withheld-reason")).getText())
                        .contains(indicator.get("withheld").asText().substring(0, 60));
            } else {
                assertThat(card.findElement(By.cssSelector(".withheld-reason")).isDisplayed()).isFalse();
            }
        }
        assertThat(withheld).as("Germany's withheld readings").isPositive();

        // a reading without a like-for-like change: the reason instead of a number
        page.open("");
        JsonNode unchanged = null;
        for (JsonNode indicator : page.latest("CHN").get("indicators")) {
            if (indicator.has("change") && indicator.get("change").get("value").isNull()) {
                unchanged = indicator;
            }
        }
        assertThat(unchanged).as("a Chinese reading without a like-for-like change").isNotNull();
        WebElement card = page.driver().findElement(By.cssSelector("[data-card='" + unchanged.get("id").asText()
                + "']"));
        assertThat(card.findElement(By.cssSelector(".trend")).getText()).contains("no like-for-like change");
        assertThat(card.findElement(By.cssSelector(".change-note")).getText())
                .isEqualTo(unchanged.get("change").get("reason").asText());
    }

    @Test
    void theHeadlineSaysTheLevelTheRankTheChangeAndWhatMovedMostInOneSentence() {
        page.waitForAnalysis();
        page.open("");
        JsonNode latest = page.latest("CHN");
        JsonNode composite = latest.get("composite");
        int year = latest.get("period").asInt();
        double score = composite.get("score").asDouble();
        JsonNode rank = composite.get("rank");
        JsonNode change = composite.get("change");
        // what moved most: the indicator with the largest like-for-like change into the composite's year
        String mover = null;
        double moved = 0;
        for (JsonNode indicator : latest.get("indicators")) {
            JsonNode points = page.api("/api/v1/scores/history?region=CHN&indicator=" + indicator.get("id").asText()
                    + "&from=" + year + "&to=" + year).get("points");
            if (points.size() == 1 && points.get(0).has("change") && !points.get(0).get("change").get("value").isNull()
                    && Math.abs(points.get(0).get("change").get("value").asDouble()) > Math.abs(moved)) {
                moved = points.get(0).get("change").get("value").asDouble();
                mover = indicator.get("name").asText();
            }
        }
        assertThat(mover).as("an indicator that moved like for like").isNotNull();
        String headline = page.text("headline");
        assertThat(headline).startsWith("China: " + level(score) + " resilience, " + oneDecimal(score) + " of 100 in "
                        + year + " (90% range " + band(composite.get("band")) + ")")
                .contains("ranked " + ordinal(rank.get("position").asInt()) + " of the " + rank.get("of").asInt()
                        + " economies with a " + year + " composite, like for like")
                .contains((change.get("value").asDouble() < 0 ? "down " : "up ")
                        + oneDecimal(Math.abs(change.get("value").asDouble())) + " points on "
                        + change.get("from").asInt() + ", like for like")
                .contains("most of all " + mover + " (" + DashboardPage.signed(moved) + ")")
                .endsWith(".");
        assertThat(headline.substring(0, headline.length() - 1)).as("one sentence").doesNotContain(". ");

        // where there is no rank or no composite, the sentence says so instead of a number
        page.open("?region=JPN");
        assertThat(page.text("headline")).startsWith("Japan: ").contains("not ranked ("
                + page.latest("JPN").get("composite").get("rank").get("reason").asText() + ")");
        page.open("?region=DEU");
        assertThat(page.text("headline")).startsWith("Germany has no composite score for "
                + page.latest("DEU").get("compositeWithheld").get("period").asInt()).contains("too little data");

        // years that end earlier: the headline speaks of the last year shown, with that year's rank
        page.open("?from=2005&to=2015");
        JsonNode point = page.api("/api/v1/scores/history?region=CHN&from=2015&to=2015").get("points").get(0);
        page.waitUntil(Duration.ofSeconds(5), d -> page.text("headline").contains(" in 2015"));
        assertThat(page.text("headline")).contains("ranked " + ordinal(point.get("rank").get("position").asInt())
                + " of the " + point.get("rank").get("of").asInt() + " economies with a 2015 composite");
        assertThat(page.text("composite-rank")).startsWith(ordinal(point.get("rank").get("position").asInt()));
    }
}
