package io.ballast.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data coming in through a running server, by the inbox and by the API, carries its vintage into series and scores. */
class IngestServerTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir, Map.of("BALLAST_INGEST_INBOX_SCAN_MS", "100"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFileDroppedIntoTheInboxReachesTheSeriesAndTheScoresWithItsVintage() {
        Path inbox = dataDir.resolve("inbox");
        WdiFiles.drop("API_BX.KLT.DINV.WD.GD.ZS_DS2_en_csv_v2_13.csv", inbox, null);

        await().atMost(Duration.ofSeconds(10)).until(() ->
                Files.exists(inbox.resolve("processed/API_BX.KLT.DINV.WD.GD.ZS_DS2_en_csv_v2_13.csv.report.txt")));
        JsonNode series = json(server.get("/api/v1/series/BX.KLT.DINV.WD.GD.ZS?region=CHN").body());
        assertThat(series.get("vintage").asText()).isEqualTo("2026-07-15");
        assertThat(series.get("vintageOrigin").asText())
                .isEqualTo("WDI bulk file API_BX.KLT.DINV.WD.GD.ZS_DS2_en_csv_v2_13.csv");
        assertThat(series.get("source").asText()).isEqualTo("World Bank, World Development Indicators");
        assertThat(series.get("licence").asText()).isEqualTo("CC BY 4.0");
        assertThat(series.get("points").findValuesAsText("value")).contains("1.5");
        assertThat(series.get("points").findValues("vintage")).as("points of the document's vintage say nothing")
                .isEmpty();

        await().atMost(Duration.ofSeconds(10)).until(() ->
                "2026-07-15".equals(vintageUsed("CHN", "foreign-investment", "BX.KLT.DINV.WD.GD.ZS")));
        // another indicator's inputs still come from the bundled baseline, with their own vintage
        assertThat(vintageUsed("CHN", "labor-conditions", "SL.UEM.TOTL.ZS")).isEqualTo("2026-04-08");
    }

    @Test
    void aPostedVintageIsKeptAndReplayingTheBatchChangesNothing() throws Exception {
        String batch = "{\"observations\":[{\"region\":\"IND\",\"series\":\"NE.TRD.GNFS.ZS\",\"period\":2024,"
                + "\"value\":45.5,\"source\":\"test\",\"vintage\":\"2026-05-01\"}]}";
        JsonNode first = json(server.post("/api/v1/observations", batch).body());
        assertThat(first.get("accepted").asInt()).isEqualTo(1);
        assertThat(first.get("changedCells").asInt()).isEqualTo(1);
        JsonNode replay = json(server.post("/api/v1/observations", batch).body());
        assertThat(replay.get("changedCells").asInt()).isZero();

        JsonNode series = json(server.get("/api/v1/series/NE.TRD.GNFS.ZS?region=IND").body());
        assertThat(series.get("vintage").asText()).isEqualTo("2026-04-08");
        JsonNode point = null;
        for (JsonNode p : series.get("points")) {
            if (p.get("period").asInt() == 2024) {
                point = p;
            }
        }
        assertThat(point).isNotNull();
        assertThat(point.get("value").asDouble()).isEqualTo(45.5);
        assertThat(point.get("vintage").asText()).isEqualTo("2026-05-01");

        // A new vintage of the same value is a change (the provenance changed), the same one again is not.
        String revised = batch.replace("2026-05-01", "2026-06-01");
        assertThat(json(server.post("/api/v1/observations", revised).body()).get("changedCells").asInt()).isEqualTo(1);
        assertThat(json(server.post("/api/v1/observations", revised).body()).get("changedCells").asInt()).isZero();
    }

    private static String vintageUsed(String region, String indicator, String series) {
        for (JsonNode i : json(server.get("/api/v1/scores/latest?region=" + region).body()).get("indicators")) {
            if (i.get("id").asText().equals(indicator)) {
                return i.path("vintages").path(series).asText(null);
            }
        }
        return null;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }
}
