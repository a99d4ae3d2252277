package io.ballast.server.connector;

import static io.ballast.server.connector.WorldBankStub.fixture;
import static io.ballast.server.connector.WorldBankStub.slow;
import static io.ballast.server.connector.WorldBankStub.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.config.Connectors;
import io.ballast.server.config.Startup;
import io.ballast.server.outbound.Outbound;
import io.ballast.server.store.Cell;
import io.ballast.server.store.Database;
import io.ballast.server.store.ObservationRow;
import io.ballast.server.store.SeriesVintage;
import io.ballast.server.store.StoreWorkers;
import io.ballast.server.store.VintageResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The World Bank connector against a local stand-in replaying answers in the API's exact format: paging, gaps, the
 * error shape, retries, timeouts, malformed JSON, vintages, and an unreachable API. Each test uses its own series.
 */
class WorldBankConnectorTest {

    @TempDir
    static Path dir;

    static Vertx vertx;
    static Database db;
    static StoreWorkers workers;
    static WorldBankStub stub;
    static final List<VintageResult> stored = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        db = Database.open(dir);
        workers = new StoreWorkers(vertx, 2);
        stub = WorldBankStub.start(vertx);
    }

    @AfterEach
    void forget() {
        stub.reset();
        stored.clear();
    }

    @AfterAll
    static void stop() {
        stub.close();
        workers.close();
        vertx.close().await();
        db.close();
    }

    static RunReport run(String indicator, int timeoutMs, int retries) {
        return run(stub.baseUrl(), indicator, timeoutMs, retries);
    }

    static RunReport run(String baseUrl, String indicator, int timeoutMs, int retries) {
        var settings = new Connectors.WorldBank(true, baseUrl, List.of(indicator), List.of("CHN"), 3600, 2, 1000,
                timeoutMs, retries, 20);
        try (var outbound = new Outbound(vertx)) {
            var client = new WorldBankClient(outbound, settings, new ObjectMapper());
            var connector = new WorldBankConnector(client, db.observations(), workers, List.of(indicator),
                    List.of("CHN"), baseUrl, stored::add);
            return Future.<RunReport>future(p -> vertx.runOnContext(v -> connector.run().onComplete(p))).await();
        }
    }

    static Map<Integer, Double> values(String series) {
        return db.observations().series("CHN", series).stream()
                .collect(Collectors.toMap(ObservationRow::period, ObservationRow::value));
    }

    @Test
    void pagesThroughEveryPageStoresValuesLeavesGapsOutAndRecordsTheVintage() {
        stub.on("CHN", "NE.TRD.GNFS.ZS", 1, fixture("trade-chn-page-1.json"))
                .on("CHN", "NE.TRD.GNFS.ZS", 2, fixture("trade-chn-page-2.json"))
                .on("CHN", "NE.TRD.GNFS.ZS", 3, fixture("trade-chn-page-3.json"));

        RunReport report = run("NE.TRD.GNFS.ZS", 2000, 0);

        assertThat(report.failures()).isEmpty();
        assertThat(report.updated()).isEqualTo(1);
        assertThat(stub.requests()).containsExactly(
                "/v2/country/CHN/indicator/NE.TRD.GNFS.ZS?format=json&per_page=2&page=1",
                "/v2/country/CHN/indicator/NE.TRD.GNFS.ZS?format=json&per_page=2&page=2",
                "/v2/country/CHN/indicator/NE.TRD.GNFS.ZS?format=json&per_page=2&page=3");
        // 2021 and 2024 are null in the answer: gaps, never stored (not as null, not as zero)
        assertThat(values("NE.TRD.GNFS.ZS")).containsExactlyInAnyOrderEntriesOf(Map.of(
                2020, 34.0389507864581, 2022, 37.440719876366, 2023, 36.1051923691138));
        assertThat(db.observations().series("CHN", "NE.TRD.GNFS.ZS")).extracting(ObservationRow::vintage)
                .containsOnly("2026-04-08");
        assertThat(db.observations().vintage("NE.TRD.GNFS.ZS", "CHN")).get()
                .satisfies(v -> {
                    assertThat(v.vintage()).isEqualTo("2026-04-08");
                    assertThat(v.origin()).isEqualTo("World Bank API v2 (" + stub.baseUrl() + ")");
                });
        assertThat(db.observations().seriesInfo("NE.TRD.GNFS.ZS")).get()
                .satisfies(s -> {
                    assertThat(s.name()).isEqualTo("Trade (% of GDP)");
                    assertThat(s.licence()).isEqualTo("CC BY 4.0");
                });
        assertThat(stored).singleElement().satisfies(r -> {
            assertThat(r.changed()).containsExactlyInAnyOrder(new Cell("CHN", 2020), new Cell("CHN", 2022),
                    new Cell("CHN", 2023));
            assertThat(r.catalogued()).containsExactly("NE.TRD.GNFS.ZS");
        });

        // The same vintage again: only the first page is read, nothing is written.
        stored.clear();
        RunReport again = run("NE.TRD.GNFS.ZS", 2000, 0);
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(again.updated()).isZero();
        assertThat(stub.requests()).hasSize(4).last().asString().endsWith("page=1");
        assertThat(stored).isEmpty();
    }

    @Test
    void theErrorShapeWithHttp200IsReportedNotRetriedAndStoresNothing() {
        RunReport report = run("NOT.A.CODE", 2000, 3); // the stand-in answers unscripted requests with the error shape

        assertThat(report.updated()).isZero();
        assertThat(report.offline()).isNull();
        assertThat(report.failures()).singleElement().asString()
                .contains("CHN/NOT.A.CODE page 1")
                .contains("refused the request: 120 Invalid value: The provided parameter value is not valid");
        assertThat(stub.requests()).hasSize(1);
        assertThat(db.observations().series("CHN", "NOT.A.CODE")).isEmpty();
        assertThat(db.observations().seriesInfo("NOT.A.CODE")).isEmpty();
        assertThat(stored).isEmpty();
    }

    @Test
    void anHttp500IsRetriedWithBackoffThenTheAnswerIsStored() {
        stub.on("CHN", "SL.UEM.TOTL.ZS", 1, status(500), status(503), fixture("unemployment-chn.json"));

        RunReport report = run("SL.UEM.TOTL.ZS", 2000, 3);

        assertThat(report.failures()).isEmpty();
        assertThat(report.updated()).isEqualTo(1);
        assertThat(stub.requests()).hasSize(3);
        assertThat(values("SL.UEM.TOTL.ZS")).containsExactlyInAnyOrderEntriesOf(Map.of(
                2022, 4.98, 2023, 4.67, 2024, 4.57));
    }

    @Test
    void whenRetriesRunOutTheFailureNamesTheStatusAndNothingIsStored() {
        stub.on("CHN", "EG.USE.PCAP.KG.OE", 1, status(502));

        RunReport report = run("EG.USE.PCAP.KG.OE", 2000, 2);

        assertThat(report.failures()).singleElement().asString().contains("HTTP 502");
        assertThat(stub.requests()).hasSize(3); // the first try and two retries
        assertThat(db.observations().series("CHN", "EG.USE.PCAP.KG.OE")).isEmpty();
    }

    @Test
    void aSlowAnswerTimesOutAndTheRetryIsStored() {
        stub.on("CHN", "BX.KLT.DINV.WD.GD.ZS", 1, slow("fdi-chn.json", 5000), fixture("fdi-chn.json"));

        long started = System.nanoTime();
        RunReport report = run("BX.KLT.DINV.WD.GD.ZS", 300, 2);
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(report.failures()).isEmpty();
        assertThat(report.updated()).isEqualTo(1);
        assertThat(stub.requests()).hasSize(2);
        assertThat(tookMs).as("the slow answer was not waited for").isLessThan(4000);
        assertThat(values("BX.KLT.DINV.WD.GD.ZS")).containsEntry(2023, 0.280991103634816).hasSize(3);
    }

    @Test
    void aSourceThatStaysSlowFailsWithATimeoutAndStoresNothing() {
        stub.on("CHN", "NY.GDP.MKTP.KD.ZG", 1, slow("fdi-chn.json", 5000));

        // 800 ms, not less: on a loaded machine a shorter deadline can pass before the stub has even read the retry
        RunReport report = run("NY.GDP.MKTP.KD.ZG", 800, 1);

        assertThat(report.failures()).singleElement().asString().contains("no answer in time")
                .contains("timeout-ms 800");
        assertThat(stub.requests()).hasSize(2);
        assertThat(db.observations().series("CHN", "NY.GDP.MKTP.KD.ZG")).isEmpty();
    }

    @Test
    void malformedJsonIsAClearErrorAndStoresNothing() {
        stub.on("CHN", "GB.XPD.RSDV.GD.ZS", 1, fixture("rnd-chn-truncated.json"));

        RunReport report = run("GB.XPD.RSDV.GD.ZS", 2000, 3);

        assertThat(report.failures()).singleElement().asString()
                .contains("CHN/GB.XPD.RSDV.GD.ZS page 1: the answer is not valid JSON");
        assertThat(stub.requests()).hasSize(1);
        assertThat(db.observations().series("CHN", "GB.XPD.RSDV.GD.ZS")).isEmpty();
        assertThat(db.observations().vintage("GB.XPD.RSDV.GD.ZS", "CHN")).isEmpty();
        assertThat(stored).isEmpty();
    }

    @Test
    void pagesThatDoNotAddUpAreRefusedWhole() {
        // page 1 announces 3 pages and 5 rows; page 2 answers as page 2 but page 3 repeats page 2
        stub.on("CHN", "TM.VAL.ICTG.ZS.UN", 1, new WorldBankStub.Reply(200, retag("trade-chn-page-1.json"), 0))
                .on("CHN", "TM.VAL.ICTG.ZS.UN", 2, new WorldBankStub.Reply(200, retag("trade-chn-page-2.json"), 0))
                .on("CHN", "TM.VAL.ICTG.ZS.UN", 3, new WorldBankStub.Reply(200, retag("trade-chn-page-2.json"), 0));

        RunReport report = run("TM.VAL.ICTG.ZS.UN", 2000, 0);

        assertThat(report.failures()).singleElement().asString().contains("page 3: the answer is page 2");
        assertThat(db.observations().series("CHN", "TM.VAL.ICTG.ZS.UN")).isEmpty();
    }

    @Test
    void aNewerVintageReplacesTheSeriesAndAnOlderOneIsIgnored() {
        stub.on("CHN", "IP.PAT.RESD", 1, fixture("patents-chn-2026-01-28.json"));
        assertThat(run("IP.PAT.RESD", 2000, 0).updated()).isEqualTo(1);
        assertThat(values("IP.PAT.RESD")).containsOnlyKeys(2019, 2020, 2021);

        stub.on("CHN", "IP.PAT.RESD", 1, fixture("patents-chn-2026-07-15.json"));
        stored.clear();
        RunReport newer = run("IP.PAT.RESD", 2000, 0);
        assertThat(newer.updated()).isEqualTo(1);
        // the new vintage revised 2021, added 2022 and no longer has 2019: two vintages are never mixed
        assertThat(values("IP.PAT.RESD")).containsExactlyInAnyOrderEntriesOf(Map.of(
                2020, 1344817.0, 2021, 1426644.0, 2022, 1464605.0));
        assertThat(db.observations().series("CHN", "IP.PAT.RESD")).extracting(ObservationRow::vintage)
                .containsOnly("2026-07-15");
        assertThat(stored).singleElement().extracting(VintageResult::changed).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.collection(Cell.class))
                .contains(new Cell("CHN", 2019), new Cell("CHN", 2021), new Cell("CHN", 2022));

        stub.on("CHN", "IP.PAT.RESD", 1, fixture("patents-chn-2025-12-16.json"));
        RunReport older = run("IP.PAT.RESD", 2000, 0);
        assertThat(older.older()).isEqualTo(1);
        assertThat(values("IP.PAT.RESD")).containsEntry(2021, 1426644.0).containsOnlyKeys(2020, 2021, 2022);
        assertThat(db.observations().vintage("IP.PAT.RESD", "CHN")).map(SeriesVintage::vintage)
                .contains("2026-07-15");
    }

    @Test
    void anEmptyAnswerKeepsWhatIsStored() {
        stub.on("CHN", "SL.IND.EMPL.ZS", 1, fixture("empty.json"));
        RunReport report = run("SL.IND.EMPL.ZS", 2000, 0);
        assertThat(report.empty()).isEqualTo(1);
        assertThat(report.failures()).isEmpty();
        assertThat(db.observations().series("CHN", "SL.IND.EMPL.ZS")).isEmpty();
    }

    @Test
    void anUnreachableApiStopsTheRunWithOneReasonAndKeepsTheStoredData() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        stub.on("CHN", "SP.POP.TOTL", 1, fixture("fdi-chn.json"));
        List<ObservationRow> before = db.observations().ofRegion("CHN");

        RunReport report = run("http://127.0.0.1:" + closedPort, "SP.POP.TOTL", 2000, 1);

        assertThat(report.offline()).contains("cannot reach http://127.0.0.1:" + closedPort);
        assertThat(report.failures()).isEmpty();
        assertThat(db.observations().ofRegion("CHN")).hasSameSizeAs(before);
    }

    /** A fixture of the trade series relabelled as another indicator. */
    private static String retag(String fixture) {
        return WorldBankStub.resource(fixture).replace("NE.TRD.GNFS.ZS", "TM.VAL.ICTG.ZS.UN");
    }
}
