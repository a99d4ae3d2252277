package io.ballast.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint through a real HTTP client against a server on a random port, on the bundled baseline. */
class ApiTest {

    @TempDir
    static Path dataDir;

    static TestServer server;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    @Test
    void indicatorsListTheFourBuiltInsWithTheirInputSeriesAndWeights() {
        HttpResponse<String> r = server.get("/api/v1/indicators");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode list = json(r).get("indicators");
        List<String> ids = new ArrayList<>();
        list.forEach(i -> ids.add(i.get("id").asText()));
        assertThat(ids).containsExactly("export-control-exposure", "foreign-investment", "internal-capacity",
                "labor-conditions");
        JsonNode fi = list.get(1);
        assertThat(fi.get("name").asText()).isEqualTo("Foreign investment");
        assertThat(fi.get("version").asText()).isNotBlank();
        assertThat(fi.get("source").asText()).isEqualTo("classpath");
        assertThat(fi.get("state").asText()).isEqualTo("STARTED");
        assertThat(fi.get("weight").asDouble()).isEqualTo(1.0);
        assertThat(fi.get("inputs").toString()).contains("BX.KLT.DINV.WD.GD.ZS");
        // the declared basket: what each input is, which way is better, and its weight
        JsonNode fdi = fi.get("basket").get(0);
        assertThat(fdi.get("key").asText()).isEqualTo("fdi");
        assertThat(fdi.get("series").toString()).isEqualTo("[\"BX.KLT.DINV.WD.GD.ZS\"]");
        assertThat(fdi.get("role").asText()).isEqualTo("capacity");
        assertThat(fdi.get("goalposts").toString())
                .isEqualTo("{\"lower\":0.0,\"upper\":5.0,\"direction\":\"higher-is-better\"}");
        assertThat(fdi.get("weight").asDouble()).isEqualTo(0.6);
        double total = 0;
        for (JsonNode input : fi.get("basket")) {
            total += input.get("weight").asDouble();
        }
        assertThat(total).isEqualTo(1.0);
    }

    @Test
    void theLatestDocumentSaysWhatEachNumberRestsOn() {
        JsonNode doc = json(server.get("/api/v1/scores/latest?region=CHN"));
        JsonNode composite = doc.get("composite");
        assertThat(composite.get("indicators")).hasSize(4);
        // every input the composite rests on, carried with its year, or missing
        assertThat(composite.get("basket").get("used").toString()).contains("labor-conditions/youth-unemployment");
        assertThat(composite.get("basket").get("missing").toString()).contains("export-control-exposure/ict-imports");
        assertThat(composite.get("subindices").has("vulnerability")).isTrue();
        assertThat(composite.get("subindices").has("capacity")).isTrue();
        JsonNode change = composite.get("change");
        assertThat(change.get("from").asInt()).isEqualTo(doc.get("period").asInt() - 1);
        assertThat(change.get("likeForLike").asBoolean()).isTrue();
        assertThat(change.get("basis").asText()).isNotBlank();
        JsonNode rank = composite.get("rank");
        assertThat(rank.get("year").asInt()).isEqualTo(doc.get("period").asInt());
        assertThat(rank.get("likeForLike").asBoolean()).isTrue();
        assertThat(rank.get("excluded").toString()).contains("DEU");
        assertThat(composite.get("divergence").get("tested").isBoolean()).isTrue();
        for (JsonNode indicator : doc.get("indicators")) {
            assertThat(indicator.get("basket").has("used")).isTrue();
            for (JsonNode c : indicator.get("components")) {
                assertThat(c.get("key").asText()).isNotBlank();
                assertThat(c.get("role").asText()).isIn("vulnerability", "capacity");
                assertThat(c.get("dataYear").asInt()).isLessThanOrEqualTo(indicator.get("period").asInt());
                assertThat(c.get("goalposts").get("direction").asText()).endsWith("-is-better");
            }
        }
        // a later year with readings but no composite says why, instead of a number
        assertThat(doc.get("compositeWithheld").get("reason").asText()).startsWith("no composite in ");
    }

    @Test
    void germanysGapsAreNamedInItsLatestDocument() {
        JsonNode doc = json(server.get("/api/v1/scores/latest?region=DEU"));
        assertThat(doc.get("composite").isNull()).isTrue();
        assertThat(doc.get("compositeWithheld").get("reason").asText())
                .contains("export-control-exposure has no reading").contains("TM.VAL.ICTG.ZS.UN");
        JsonNode labor = null;
        for (JsonNode i : doc.get("indicators")) {
            if (i.get("id").asText().equals("labor-conditions")) {
                labor = i;
            }
        }
        assertThat(labor).isNotNull();
        assertThat(labor.get("score").isNull()).isTrue();
        assertThat(labor.get("withheld").asText()).contains("SL.EMP.VULN.ZS");
    }

    @Test
    void theRankingListsEveryRegionOnTheInputsTheRankedOnesShare() {
        JsonNode doc = json(server.get("/api/v1/scores/ranking?year=2022"));
        assertThat(doc.get("year").asInt()).isEqualTo(2022);
        List<Integer> positions = new ArrayList<>();
        for (JsonNode r : doc.get("ranks")) {
            if (!r.get("position").isNull()) {
                positions.add(r.get("position").asInt());
                assertThat(r.get("of").asInt()).isEqualTo(5);
                assertThat(r.get("score").asDouble()).isBetween(0.0, 100.0);
            } else {
                assertThat(r.get("region").asText()).isEqualTo("DEU");
            }
        }
        assertThat(positions).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        // without a year: the latest one that two or more regions can be ranked in
        assertThat(json(server.get("/api/v1/scores/ranking")).get("year").asInt()).isGreaterThanOrEqualTo(2023);
        assertThat(server.get("/api/v1/scores/ranking?year=1850").statusCode()).isEqualTo(400);
    }

    @Test
    void regionsListTheConfiguredEconomiesChinaFirst() {
        JsonNode regions = json(server.get("/api/v1/regions")).get("regions");
        assertThat(regions.get(0).get("code").asText()).isEqualTo("CHN");
        assertThat(regions.get(0).get("name").asText()).isEqualTo("China");
        assertThat(regions).hasSize(6);
    }

    @Test
    void latestScoresOfChinaCarryTheCompositeAndEveryIndicatorWithComponents() {
        HttpResponse<String> r = server.get("/api/v1/scores/latest?region=CHN");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = json(r);
        assertThat(doc.get("region").asText()).isEqualTo("CHN");
        int period = doc.get("period").asInt();
        assertThat(period).isBetween(2022, 2025);
        JsonNode composite = doc.get("composite");
        assertThat(composite.get("score").asDouble()).isBetween(0.0, 100.0);
        assertThat(composite.get("method").asText()).isEqualTo("geometric");
        assertThat(composite.get("coverage").asDouble()).isBetween(0.0, 1.0);
        assertThat(doc.get("indicators")).isNotEmpty();
        for (JsonNode indicator : doc.get("indicators")) {
            assertThat(indicator.get("score").asDouble()).isBetween(0.0, 100.0);
            assertThat(indicator.get("period").asInt()).isGreaterThanOrEqualTo(period - 5);
            assertThat(indicator.get("explanation").asText()).isNotBlank();
            assertThat(indicator.get("components")).isNotEmpty();
            JsonNode c = indicator.get("components").get(0);
            assertThat(c.has("label") && c.has("series") && c.has("raw") && c.has("normalised") && c.has("weight"))
                    .isTrue();
        }
        List<String> present = new ArrayList<>();
        doc.get("indicators").forEach(i -> {
            if (i.get("period").asInt() == period) {
                present.add(i.get("id").asText());
            }
        });
        composite.get("missing").forEach(m -> assertThat(present).doesNotContain(m.asText()));
        composite.get("missing").forEach(m -> assertThat(json(server.get("/api/v1/scores/history?region=CHN"
                + "&indicator=" + m.asText() + "&from=" + period + "&to=" + period)).get("points"))
                .as("a missing indicator has no reading in the composite's year").isEmpty());
    }

    @Test
    void theCompositeIsTheWeightedGeometricMeanOfTheIndicatorScoresOfItsYear() {
        int year = 2021;
        double logSum = 0;
        for (String id : List.of("export-control-exposure", "foreign-investment", "internal-capacity",
                "labor-conditions")) {
            JsonNode points = json(server.get("/api/v1/scores/history?region=CHN&indicator=" + id + "&from=" + year
                    + "&to=" + year)).get("points");
            assertThat(points).as(id).hasSize(1);
            logSum += Math.log(Math.max(1, points.get(0).get("score").asDouble()));
        }
        JsonNode composite = json(server.get("/api/v1/scores/history?region=CHN&indicator=composite&from=" + year
                + "&to=" + year)).get("points").get(0);
        assertThat(composite.get("score").asDouble()).isCloseTo(Math.exp(logSum / 4),
                org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void everyComparatorEconomyHasLatestScores() {
        for (String region : List.of("USA", "DEU", "JPN", "KOR", "IND")) {
            HttpResponse<String> r = server.get("/api/v1/scores/latest?region=" + region);
            assertThat(r.statusCode()).as(region).isEqualTo(200);
            assertThat(json(r).get("indicators")).as(region).isNotEmpty();
        }
    }

    @Test
    void historyOfTheCompositeAccountsForEveryYearSince2000WithAPointOrTheReasonThereIsNone() {
        HttpResponse<String> r = server.get("/api/v1/scores/history?region=CHN&indicator=composite&from=2000&to=2024");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = json(r);
        assertThat(doc.get("region").asText()).isEqualTo("CHN");
        assertThat(doc.get("indicator").asText()).isEqualTo("composite");
        List<Integer> years = new ArrayList<>();
        doc.get("points").forEach(p -> years.add(p.get("period").asInt()));
        assertThat(years).isSorted().doesNotHaveDuplicates().contains(2010, 2024);
        List<Integer> withheld = new ArrayList<>();
        doc.get("withheld").forEach(w -> {
            withheld.add(w.get("period").asInt());
            assertThat(w.get("reason").asText()).startsWith("no composite in " + w.get("period").asInt() + ": ");
        });
        // foreign investment reads 3-year means and their 3-year change: the composite starts in 2005
        assertThat(withheld).containsExactly(2000, 2001, 2002, 2003, 2004);
        List<Integer> all = new ArrayList<>(years);
        all.addAll(withheld);
        assertThat(all).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(2000, 2024)
                .boxed().toList());
    }

    @Test
    void historyOfOneIndicatorShowsChinasForeignInvestmentFalling() {
        JsonNode points = json(server.get(
                "/api/v1/scores/history?region=CHN&indicator=foreign-investment&from=2021&to=2023")).get("points");
        assertThat(points).hasSize(3);
        assertThat(points.get(2).get("score").asDouble()).isLessThan(points.get(0).get("score").asDouble());
    }

    @Test
    void aSeriesCarriesItsSourceLicenceVintageAndPoints() {
        HttpResponse<String> r = server.get("/api/v1/series/BX.KLT.DINV.WD.GD.ZS?region=CHN");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = json(r);
        assertThat(doc.get("code").asText()).isEqualTo("BX.KLT.DINV.WD.GD.ZS");
        assertThat(doc.get("region").asText()).isEqualTo("CHN");
        assertThat(doc.get("unit").asText()).isEqualTo("% of GDP");
        assertThat(doc.get("source").asText()).contains("World Bank");
        assertThat(doc.get("licence").asText()).isEqualTo("CC BY 4.0");
        assertThat(doc.get("vintage").asText()).isEqualTo("2026-04-08");
        assertThat(doc.get("points")).hasSizeGreaterThanOrEqualTo(25);
        assertThat(doc.get("points").get(0).get("period").asInt()).isEqualTo(2000);
    }

    @Test
    void eventsListTheDatedExportControlActionsWithTheirSources() {
        HttpResponse<String> r = server.get("/api/v1/events?region=CHN");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode events = json(r).get("events");
        List<String> dates = new ArrayList<>();
        events.forEach(e -> {
            dates.add(e.get("date").asText());
            assertThat(e.get("source").asText()).isNotBlank();
            assertThat(e.get("title").asText()).isNotBlank();
        });
        assertThat(dates).contains("2022-10-07", "2024-12-02").isSorted();
        events.forEach(e -> {
            assertThat(e.get("targets").toString()).contains("CHN");
            assertThat(e.get("direction").asText()).isIn("tighten", "relax", "suspend");
            assertThat(e.get("type").asText()).isNotBlank();
        });
        // China's own controls on minerals count against the economies that buy them
        JsonNode usa = json(server.get("/api/v1/events?region=USA")).get("events");
        assertThat(usa).isNotEmpty().allSatisfy(e -> assertThat(e.get("jurisdiction").asText()).isEqualTo("CHN"));
    }

    @Test
    void healthSaysLiveAndReadyWithTheDatabaseAndPlugins() {
        HttpResponse<String> live = server.get("/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(json(live).get("status").asText()).isEqualTo("UP");
        HttpResponse<String> ready = server.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode checks = json(ready).get("checks");
        assertThat(checks.get("database").asText()).isEqualTo("UP");
        assertThat(checks.get("plugins").get("started").asInt()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                json(server.get("/health/ready")).get("checks").get("sources").has("inbox"));
        JsonNode inbox = json(server.get("/health/ready")).get("checks").get("sources").get("inbox");
        assertThat(inbox.get("lastSuccess").asText()).isNotBlank();
    }

    @Test
    void theDashboardAndChartJsAreServedFromTheServerItself() {
        HttpResponse<String> page = server.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("/webjars/chart.js/4.5.1/dist/chart.umd.js").doesNotContain("https://");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(server.send(java.net.http.HttpRequest.newBuilder(server.uri("/"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(200);
        HttpResponse<String> chart = server.get("/webjars/chart.js/4.5.1/dist/chart.umd.js");
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.body()).contains("Chart");
    }

    @Test
    void aPostedObservationIsStoredAndChangesTheScoresOfItsYear() {
        String before = server.get("/api/v1/scores/history?region=KOR&indicator=labor-conditions&from=2024&to=2024")
                .body();
        HttpResponse<String> r = server.post("/api/v1/observations",
                "{\"observations\":[{\"region\":\"KOR\",\"series\":\"SL.UEM.TOTL.ZS\",\"period\":2024,"
                        + "\"value\":9.5,\"source\":\"api test\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("accepted").asInt()).isEqualTo(1);
        JsonNode points = json(server.get("/api/v1/series/SL.UEM.TOTL.ZS?region=KOR")).get("points");
        JsonNode p2024 = null;
        for (JsonNode p : points) {
            if (p.get("period").asInt() == 2024) {
                p2024 = p;
            }
        }
        assertThat(p2024).isNotNull();
        assertThat(p2024.get("value").asDouble()).isEqualTo(9.5);
        assertThat(p2024.get("source").asText()).isEqualTo("api test");
        await().atMost(Duration.ofSeconds(5)).until(() -> !server.get(
                "/api/v1/scores/history?region=KOR&indicator=labor-conditions&from=2024&to=2024").body()
                .equals(before));
    }

    @Test
    void replayingTheSameBatchChangesNoCell() {
        String body = "{\"observations\":[{\"region\":\"JPN\",\"series\":\"SL.UEM.TOTL.ZS\",\"period\":2010,"
                + "\"value\":5.5}]}";
        server.post("/api/v1/observations", body);
        HttpResponse<String> again = server.post("/api/v1/observations", body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("changedCells").asInt()).isZero();
    }
}
