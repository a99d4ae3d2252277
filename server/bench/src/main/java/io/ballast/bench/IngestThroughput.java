package io.ballast.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The end-to-end benchmark's ingest part: 60 batches of 1,000 observations of cells not stored yet (30 regions × 10
 * series × 200 years) posted to {@code POST /api/v1/observations}, then the same 60 batches again with every value
 * revised; each pass against {@link JdbcBaseline} doing the same to an H2 file. Commit per batch on both sides.
 */
final class IngestThroughput {

    /** The six configured economies and 24 more, so that 60,000 observations are 60,000 different cells. */
    private static final String[] REGIONS = {"CHN", "USA", "DEU", "JPN", "KOR", "IND", "FRA", "GBR", "ITA", "BRA",
        "CAN", "AUS", "ESP", "MEX", "IDN", "NLD", "SAU", "TUR", "CHE", "POL", "SWE", "BEL", "ARG", "NOR", "AUT", "IRL",
        "ISR", "THA", "SGP", "VNM"};
    private static final String[] SERIES = {"BX.KLT.DINV.WD.GD.ZS", "NE.TRD.GNFS.ZS", "SL.UEM.TOTL.ZS",
        "GB.XPD.RSDV.GD.ZS", "IP.PAT.RESD", "NV.IND.MANF.ZS", "SL.UEM.1524.ZS", "TM.VAL.ICTG.ZS.UN",
        "TX.VAL.TECH.MF.ZS", "SL.IND.EMPL.ZS"};
    private static final int BATCHES = 60;
    static final int BATCH_SIZE = 1000;

    /** One observation: a cell and its value. */
    record Row(String region, String series, int period, double value) {
    }

    private IngestThroughput() {
    }

    /** The server configuration this part needs: all 30 regions configured, so every observation is accepted. */
    static String regionsYaml() {
        return "regions:\n" + Arrays.stream(REGIONS)
                .map(r -> "  - code: " + r + "\n    name: " + r + "\n").collect(Collectors.joining());
    }

    /** Ingests into the Ballast on {@code port} (configured with {@link #regionsYaml()}), then runs the baseline. */
    static void run(HttpClient http, int port) throws Exception {
        List<List<Row>> fresh = rows(0);
        List<List<Row>> revised = rows(0.5);
        double ballastNew = post(http, port, fresh);
        double ballastRevised = post(http, port, revised);
        double[] jdbc = JdbcBaseline.insertThenMerge(fresh, revised);
        System.out.println("== ingest: 60 POSTs of 1,000 observations, each acknowledged after commit, scores "
                + "recomputed");
        RatioLine.print("new obs/s", ballastNew, "raw INSERT obs/s", jdbc[0]);
        RatioLine.print("revised obs/s", ballastRevised, "raw MERGE obs/s", jdbc[1]);
    }

    /** 60 batches of 1,000 different cells; {@code offset} added to every value (0.5 revises them all). */
    static List<List<Row>> rows(double offset) {
        List<List<Row>> out = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            List<Row> batch = new ArrayList<>();
            for (int i = 0; i < BATCH_SIZE; i++) {
                int cell = b * BATCH_SIZE + i;
                batch.add(new Row(REGIONS[cell % REGIONS.length], SERIES[(cell / REGIONS.length) % SERIES.length],
                        1900 + cell / (REGIONS.length * SERIES.length), 1 + cell % 97 + offset));
            }
            out.add(batch);
        }
        return out;
    }

    /** Posts the batches one after the other; observations per second. */
    static double post(HttpClient http, int port, List<List<Row>> batches) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (List<Row> batch : batches) {
            StringBuilder json = new StringBuilder("{\"observations\":[");
            for (Row r : batch) {
                json.append(json.length() > 17 ? "," : "").append("{\"region\":\"").append(r.region())
                        .append("\",\"series\":\"").append(r.series()).append("\",\"period\":").append(r.period())
                        .append(",\"value\":").append(r.value()).append('}');
            }
            bodies.add(json.append("]}").toString());
        }
        long started = System.nanoTime();
        for (String b : bodies) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/observations")).header("Authorization", "Bearer " + Launch.TOKEN)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(b)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !r.body().contains("\"accepted\":" + BATCH_SIZE)) {
                throw new IllegalStateException("ingest answered " + r.statusCode() + ": " + r.body());
            }
        }
        return batches.size() * BATCH_SIZE / ((System.nanoTime() - started) / 1e9);
    }
}
