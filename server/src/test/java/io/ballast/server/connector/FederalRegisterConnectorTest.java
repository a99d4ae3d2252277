package io.ballast.server.connector;

import static io.ballast.server.connector.FederalRegisterStub.fixture;
import static io.ballast.server.connector.FederalRegisterStub.status;
import static io.ballast.server.connector.FederalRegisterStub.textFixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.config.Connectors;
import io.ballast.server.config.Startup;
import io.ballast.server.outbound.Outbound;
import io.ballast.server.store.ControlEvent;
import io.ballast.server.store.Database;
import io.ballast.server.store.EventChange;
import io.ballast.server.store.StoreWorkers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * The Federal Register connector against a local stand-in replaying answers in the API's documented format: pages
 * joined by next_page_url, full texts, date partitions past 2,000 results, an error page, a refused query, an
 * unreachable API. Each test uses its own documents.
 */
class FederalRegisterConnectorTest {

    static final List<String> REGIONS = List.of("CHN", "USA", "DEU", "JPN", "KOR", "IND");

    @TempDir
    static Path dir;

    static Vertx vertx;
    static Database db;
    static StoreWorkers workers;
    static FederalRegisterStub stub;
    static final List<EventChange> changed = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        db = Database.open(dir);
        workers = new StoreWorkers(vertx, 2);
        stub = FederalRegisterStub.start(vertx);
    }

    @AfterEach
    void forget() {
        stub.reset();
        changed.clear();
    }

    @AfterAll
    static void stop() {
        stub.close();
        workers.close();
        vertx.close().await();
        db.close();
    }

    static FederalRegisterConnector connector(String baseUrl, String since, String today, int retries) {
        var settings = new Connectors.FederalRegister(true, baseUrl, since, 14, 3600, 3, 1000, 2000, retries, 10, true);
        var outbound = new Outbound(vertx);
        Clock clock = Clock.fixed(Instant.parse(today + "T12:00:00Z"), ZoneOffset.UTC);
        return new FederalRegisterConnector(new FederalRegisterClient(outbound, settings, new ObjectMapper()),
                REGIONS, db.events(), workers, changed::addAll, clock, LocalDate.parse(since), 14, true);
    }

    static EventRunReport run(FederalRegisterConnector connector) {
        return Future.<EventRunReport>future(p -> vertx.runOnContext(v -> connector.run().onComplete(p))).await();
    }

    static Map<String, ControlEvent> stored() {
        return db.events().all().stream().collect(Collectors.toMap(ControlEvent::key, e -> e));
    }

    @Test
    void theFixturesBecomeTheRightEventsAndRunningAgainAddsNothing() {
        stub.on("2024-09-01", null, 1, fixture("rules-page-1.json"))
                .on("2024-09-01", null, 2, fixture("rules-page-2.json"))
                .text("/documents/full_text/text/2024/09/26/2024-22040.txt", textFixture("text-2024-22040.txt"));
        // the bundled file already tells of one of these rules, under its own id and with its document as source
        db.events().add(List.of(new ControlEvent("2024-10-29-advanced-computing-rule", LocalDate.parse("2024-10-29"),
                "USA", List.of("CHN"), "product-control", "tighten", "targeted", null, "Advanced computing rule",
                "https://www.federalregister.gov/d/2024-24511", null, "baseline", false, Instant.now())));

        EventRunReport report = run(connector(stub.baseUrl(), "2024-09-01", "2024-11-30", 0));

        assertThat(report.failures()).isEmpty();
        assertThat(report.offline()).isNull();
        assertThat(report.documents()).isEqualTo(7);
        assertThat(report.held()).as("the rule the bundled file holds").isEqualTo(1);
        assertThat(report.corrections()).isEqualTo(1);
        assertThat(report.notExportControl()).as("the penalty adjustment and the notice").isEqualTo(2);
        assertThat(report.added()).isEqualTo(4);
        Map<String, ControlEvent> events = stored();
        assertThat(events.get("fr-2024-25101")).satisfies(e -> {
            assertThat(e.targets()).containsExactly("CHN");
            assertThat(e.entities()).isEqualTo(23);
            assertThat(e.direction()).isEqualTo("tighten");
            assertThat(e.source()).isEqualTo("https://www.federalregister.gov/documents/2024/11/06/2024-25101/"
                    + "additions-to-the-entity-list");
            assertThat(e.needsReview()).isFalse();
        });
        assertThat(events.get("fr-2024-22610")).satisfies(e -> {
            assertThat(e.targets()).containsExactly("IND");
            assertThat(e.entities()).isEqualTo(4);
            assertThat(e.direction()).isEqualTo("relax");
        });
        assertThat(events.get("fr-2024-22040-chn").entities()).isEqualTo(8);
        assertThat(events.get("fr-2024-22040-rus").entities()).isEqualTo(3);
        assertThat(events).doesNotContainKeys("fr-2024-24511", "fr-2024-23990", "fr-2024-21115", "fr-2024-20301");
        assertThat(stub.requests()).filteredOn(r -> r.startsWith("/documents/full_text"))
                .as("only the rule whose abstract does not say reads its full text")
                .containsExactly("/documents/full_text/text/2024/09/26/2024-22040.txt");
        assertThat(stub.requests().get(0)).contains("conditions%5Bagencies%5D%5B%5D=industry-and-security-bureau",
                "conditions%5Btype%5D%5B%5D=RULE", "conditions%5Bpublication_date%5D%5Bgte%5D=2024-09-01",
                "order=newest", "per_page=3");
        assertThat(changed).hasSize(4);

        // A restarted server reads the same documents again: each is one event already, nothing is added.
        changed.clear();
        EventRunReport again = run(connector(stub.baseUrl(), "2024-09-01", "2024-11-30", 0));
        assertThat(again.added()).isZero();
        assertThat(again.held()).isEqualTo(4);
        assertThat(changed).isEmpty();
        assertThat(stored()).isEqualTo(events);

        // A retracted document stays retracted, whatever the source says.
        db.events().retract("fr-2024-25101", Instant.now());
        EventRunReport afterRetraction = run(connector(stub.baseUrl(), "2024-09-01", "2024-11-30", 0));
        assertThat(afterRetraction.added()).isZero();
        assertThat(stored()).doesNotContainKey("fr-2024-25101");
    }

    @Test
    void moreThan2000ResultsAreReadInDatePartitionsByYearThenMonth() {
        stub.on("2023-06-01", null, 1, fixture("partitioned-all.json"))
                .on("2023-06-01", "2023-12-31", 1, fixture("partitioned-2023.json"))
                .on("2024-01-01", "2024-12-31", 1, fixture("partitioned-2024.json"))
                .on("2024-03-01", "2024-03-31", 1, fixture("partitioned-2024-03.json"))
                .on("2025-01-01", "2025-02-10", 1, fixture("partitioned-2025.json"));

        EventRunReport report = run(connector(stub.baseUrl(), "2023-06-01", "2025-02-10", 0));

        assertThat(report.failures()).isEmpty();
        assertThat(report.added()).isEqualTo(3);
        Map<String, ControlEvent> events = stored();
        assertThat(events.get("fr-2023-21904").entities()).isEqualTo(9);
        assertThat(events.get("fr-2024-05321").entities()).isEqualTo(7);
        assertThat(events.get("fr-2025-01177").entities()).isEqualTo(16);
        // the whole span, three years, then the twelve months of 2024
        assertThat(stub.requests()).hasSize(1 + 3 + 12);
        assertThat(stub.requests()).noneMatch(r -> r.contains("page=2"));
    }

    @Test
    void anErrorPageIsRetriedThenReportedAndChangesNothing() {
        Map<String, ControlEvent> before = stored();
        stub.on("2022-01-01", null, 1, status(503, "error-503.html"));

        EventRunReport report = run(connector(stub.baseUrl(), "2022-01-01", "2022-02-01", 2));

        assertThat(stub.requests()).hasSize(3);
        assertThat(report.offline()).isNull();
        assertThat(report.failures()).singleElement().asString().contains("HTTP 503");
        assertThat(report.added()).isZero();
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aRefusedQueryIsReportedWithTheApisWordsAndNotRetried() {
        stub.on("2022-01-01", null, 1, status(400, "error-400.json"));

        EventRunReport report = run(connector(stub.baseUrl(), "2022-01-01", "2022-02-01", 2));

        assertThat(stub.requests()).hasSize(1);
        assertThat(report.failures()).singleElement().asString().contains("HTTP 400", "not a valid agency");
    }

    @Test
    void anUnreachableApiIsReportedOfflineAndLeavesTheEventsAsTheyWere() throws IOException {
        Map<String, ControlEvent> before = stored();
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        EventRunReport report = run(connector("http://127.0.0.1:" + closed, "2024-09-01", "2024-11-30", 1));

        assertThat(report.offline()).contains("cannot reach");
        assertThat(report.added()).isZero();
        assertThat(changed).isEmpty();
        assertThat(stored()).isEqualTo(before);
    }
}
