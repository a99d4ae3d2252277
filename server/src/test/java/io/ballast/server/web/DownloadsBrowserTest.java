package io.ballast.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Downloads made in the browser: CSVs with units, coverage, carried-value and warning columns equal to the API, and
 * images with a title, the economy and years, the sources with their licences and the view's link.
 */
@ExtendWith(BrowserSession.class)
class DownloadsBrowserTest {

    private final DashboardPage page = BrowserSession.page();

    private Path download(String buttonId, String fileName) throws IOException {
        Path file = BrowserSession.browser().downloads().resolve(fileName);
        Files.deleteIfExists(file);
        page.byId(buttonId).click();
        page.waitUntil(Duration.ofSeconds(10), d -> Files.exists(file) && file.toFile().length() > 0);
        return file;
    }

    private static List<CSVRecord> read(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    @Test
    void theHistoryCsvHoldsTheApisScoresWithUnitsCoverageCarriedValuesAndWarnings() throws IOException {
        page.open("?region=CHN&from=2000&to=2024");
        Path csv = download("history-csv", "ballast-history-CHN-2000-2024.csv");
        List<String> header = List.of(Files.readAllLines(csv, StandardCharsets.UTF_8).get(0).split(","));
        assertThat(header).containsExactly("economy", "year", "line_id", "line", "unit", "value",
                "coverage (share 0-1)", "carried values", "divergence warning");
        List<CSVRecord> rows = read(csv);
        Map<String, Map<Integer, Double>> values = new HashMap<>();
        Map<String, Map<Integer, Double>> coverages = new HashMap<>();
        Map<Integer, String> warnings = new HashMap<>();
        for (CSVRecord row : rows) {
            assertThat(row.get("economy")).isEqualTo("CHN");
            assertThat(row.get("unit")).isEqualTo("score 0-100 (higher is more resilient)");
            int year = Integer.parseInt(row.get("year"));
            values.computeIfAbsent(row.get("line_id"), k -> new LinkedHashMap<>()).put(year,
                    Double.parseDouble(row.get("value")));
            coverages.computeIfAbsent(row.get("line_id"), k -> new LinkedHashMap<>()).put(year,
                    Double.parseDouble(row.get("coverage (share 0-1)")));
            if (!row.get("divergence warning").isEmpty()) {
                warnings.put(year, row.get("divergence warning"));
            }
        }
        assertThat(values.keySet()).contains("composite", "foreign-investment", "labor-conditions");
        for (String id : values.keySet()) {
            JsonNode api = page.api("/api/v1/scores/history?region=CHN&indicator=" + id + "&from=2000&to=2024");
            Map<Integer, Double> scores = new LinkedHashMap<>();
            Map<Integer, Double> coverage = new LinkedHashMap<>();
            api.get("points").forEach(p -> {
                scores.put(p.get("period").asInt(), p.get("score").asDouble());
                coverage.put(p.get("period").asInt(), p.get("coverage").asDouble());
                if (p.has("warnings")) {
                    assertThat(warnings.get(p.get("period").asInt())).isEqualTo(
                            p.get("warnings").get(0).get("message").asText());
                }
            });
            assertThat(values.get(id)).as(id).isEqualTo(scores);
            assertThat(coverages.get(id)).as(id).isEqualTo(coverage);
        }
        assertThat(warnings).isNotEmpty();
    }

    @Test
    void theComparisonAndSeriesCsvsNameTheirUnits() throws IOException {
        page.open("?compare=CHN,USA&measure=foreign-investment&indicator=foreign-investment"
                + "&series=BX.KLT.DINV.WD.GD.ZS&from=2010&to=2020");
        List<CSVRecord> compare = read(download("compare-csv", "ballast-compare-foreign-investment-2010-2020.csv"));
        assertThat(compare).hasSize(22);
        assertThat(compare.get(0).get("unit")).isEqualTo("score 0-100 (higher is more resilient)");
        assertThat(compare.get(0).toMap()).containsKeys("economy", "year", "value", "coverage (share 0-1)",
                "carried values", "divergence warning");

        page.waitUntil(Duration.ofSeconds(5), d -> page.text("series-provenance").contains("BX.KLT.DINV.WD.GD.ZS"));
        List<CSVRecord> series = read(download("series-csv", "ballast-series-BX.KLT.DINV.WD.GD.ZS-CHN.csv"));
        assertThat(series).hasSize(11);
        assertThat(series.get(0).get("unit")).isEqualTo("% of GDP");
        assertThat(series.get(0).get("series_code")).isEqualTo("BX.KLT.DINV.WD.GD.ZS");
        JsonNode points = page.api("/api/v1/series/BX.KLT.DINV.WD.GD.ZS?region=CHN").get("points");
        Map<Integer, Double> api = new LinkedHashMap<>();
        points.forEach(p -> api.put(p.get("period").asInt(), p.get("value").asDouble()));
        series.forEach(r -> assertThat(Double.parseDouble(r.get("value")))
                .isEqualTo(api.get(Integer.parseInt(r.get("year")))));
    }

    @Test
    void imagesCarryATitleTheEconomyTheYearsTheSourcesTheLicenceAndTheLink() throws IOException {
        page.waitForAnalysis();
        page.open("?region=JPN&from=2005&to=2020");
        String view = page.driver().getCurrentUrl();
        String svg = Files.readString(download("history-svg", "ballast-history-JPN-2005-2020.svg"));
        assertThat(svg).startsWith("<svg").contains("Japan: resilience scores, 2005–2020")
                .contains("World Bank, World Development Indicators (CC BY 4.0)")
                .contains(view.replace("&", "&amp;"));
        long lines = page.chart("history-chart").size();
        assertThat(svg.split("<path d=\"M", -1).length - 1).as("one path per line").isEqualTo((int) lines);
        // the composite's 90% range: one shaded shape per run of years the chart shades, behind the lines
        int runs = ((Number) page.js("return Chart.getChart('history-chart').$ballastBand.length;")).intValue();
        assertThat(runs).as("runs of years with a 90% range").isPositive();
        assertThat(svg.split("fill-opacity=\"0.16\"", -1).length - 1).as("the band's shapes").isEqualTo(runs);
        assertThat(svg.indexOf("fill-opacity=\"0.16\"")).as("drawn before the lines")
                .isLessThan(svg.indexOf("<path d=\"M"));

        Path png = download("history-png", "ballast-history-JPN-2005-2020.png");
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
        var image = ImageIO.read(png.toFile());
        Map<?, ?> chart = (Map<?, ?>) page.js("const c = Chart.getChart('history-chart'); "
                + "return {w: c.width, h: c.height};");
        assertThat(image.getWidth()).isEqualTo(2 * ((Number) chart.get("w")).intValue());
        assertThat(image.getHeight()).as("room for the title above and the sources below")
                .isGreaterThan(2 * ((Number) chart.get("h")).intValue() + 2 * 60);
    }
}
