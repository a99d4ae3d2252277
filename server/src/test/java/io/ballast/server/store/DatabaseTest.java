package io.ballast.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ballast.server.store.ScoreStore.NewScore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** The store's behaviour, the same on the embedded H2 file and on PostgreSQL. */
class DatabaseTest {

    @TempDir
    Path dir;

    private JdbcTarget target;

    /** Opens this test's database: the H2 file under the temporary folder, or a fresh PostgreSQL database. */
    private Database open(Vendor vendor) {
        if (target == null) {
            target = vendor.target(dir);
        }
        return Database.open(target);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void observationsRoundTripAndSurviveAReopen(Vendor vendor) {
        try (Database db = open(vendor)) {
            Set<Cell> changed = db.observations().upsert(List.of(
                    new NewObservation("CHN", "BX.KLT.DINV.WD.GD.ZS", 2023, 0.28, "test"),
                    new NewObservation("CHN", "BX.KLT.DINV.WD.GD.ZS", 2022, 1.04, null)));
            assertThat(changed).containsExactlyInAnyOrder(new Cell("CHN", 2023), new Cell("CHN", 2022));
        }
        assertThat(Files.exists(dir.resolve("ballast.mv.db"))).isEqualTo(vendor == Vendor.H2);
        try (Database db = open(vendor)) {
            List<ObservationRow> rows = db.observations().series("CHN", "BX.KLT.DINV.WD.GD.ZS");
            assertThat(rows).extracting(ObservationRow::period).containsExactly(2022, 2023);
            assertThat(rows).extracting(ObservationRow::value).containsExactly(1.04, 0.28);
            assertThat(rows.get(1).source()).isEqualTo("test");
        }
    }

    @Test
    void onlyBallastsOwnSettingsReachTheDataSourceNotSystemPropertiesOrTheEnvironment() {
        // Micronaut would read datasources.* from system properties and DATASOURCES_* variables: a stray one would
        // then override the database Ballast's configuration names. This one would point every connection at a schema that does not exist.
        System.setProperty("datasources.default.schema", "NO_SUCH_SCHEMA");
        try (Database db = open(Vendor.H2)) {
            db.ping();
            assertThat(db.observations().upsert(List.of(new NewObservation("CHN", "S", 2020, 1.0, null))))
                    .hasSize(1);
        } finally {
            System.clearProperty("datasources.default.schema");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void replayingABatchChangesNothingAndAChangedValueTouchesOnlyItsCell(Vendor vendor) {
        try (Database db = open(vendor)) {
            var batch = List.of(new NewObservation("CHN", "S", 2020, 1.0, null),
                    new NewObservation("CHN", "S", 2021, 2.0, null));
            assertThat(db.observations().upsert(batch)).hasSize(2);
            assertThat(db.observations().upsert(batch)).isEmpty();
            assertThat(db.observations().upsert(List.of(new NewObservation("CHN", "S", 2021, 2.5, null))))
                    .containsExactly(new Cell("CHN", 2021));
            assertThat(db.observations().series("CHN", "S")).extracting(ObservationRow::value)
                    .containsExactly(1.0, 2.5);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void batchesAddingTheSameNewCellsSideBySideAllSucceedAndOneValuePerCellRemains(Vendor vendor) throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try (Database db = open(vendor)) {
            List<java.util.concurrent.Future<Set<Cell>>> posts = new java.util.ArrayList<>();
            for (int writer = 0; writer < 8; writer++) {
                double value = writer;
                var batch = java.util.stream.IntStream.range(0, 200)
                        .mapToObj(year -> new NewObservation("CHN", "S", 1900 + year, value, null)).toList();
                posts.add(pool.submit(() -> db.observations().upsert(batch)));
            }
            for (var post : posts) {
                post.get(); // none fails on a duplicate key
            }
            List<ObservationRow> rows = db.observations().series("CHN", "S");
            assertThat(rows).hasSize(200);
            assertThat(rows).extracting(ObservationRow::value).as("one batch was written last, whole")
                    .containsOnly(rows.get(0).value());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDatabaseFileThatIsNotOneIsRefusedNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("ballast.mv.db"), "not an H2 database file, just text");
        assertThatThrownBy(() -> Database.open(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot open the database")
                .hasMessageContaining(dir.resolve("ballast").toAbsolutePath().toString());
    }

    @Test
    void aPostgresServerThatCannotBeReachedIsRefusedNamingTheKeysToCheck() {
        String url = "jdbc:postgresql://127.0.0.1:1/ballast"; // nothing listens on port 1
        assertThatThrownBy(() -> Database.open(JdbcTarget.of(url, "ballast", "secret-password")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot open the database " + url)
                .hasMessageContaining("database.url").hasMessageContaining("database.user")
                .hasMessageNotContaining("secret-password");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aFailingBatchStoresNothing(Vendor vendor) {
        try (Database db = open(vendor)) {
            String tooLongRegion = "X".repeat(50);
            assertThatThrownBy(() -> db.observations().upsert(List.of(
                    new NewObservation("CHN", "S", 2020, 1.0, null),
                    new NewObservation(tooLongRegion, "S", 2020, 1.0, null)))).isInstanceOf(RuntimeException.class);
            assertThat(db.observations().ofRegion("CHN")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void scoresAreReplacedAsADiffAndStaleOnesDeleted(Vendor vendor) {
        try (Database db = open(vendor)) {
            ScoreStore scores = db.scores();
            assertThat(scores.replace("CHN", 2000, List.of(
                    new NewScore("a", 2020, 50.0, 1, "{}"), new NewScore("a", 2021, 60.0, 1, "{}"),
                    new NewScore("composite", 2021, 55.0, 0.5, "{}")))).isEqualTo(3);
            assertThat(scores.replace("CHN", 2000, List.of(
                    new NewScore("a", 2020, 50.0, 1, "{}"), new NewScore("a", 2021, 61.0, 1, "{}")))).isEqualTo(2);
            assertThat(scores.history("CHN", "a", 2000, 2030)).extracting(ScoreRow::score).containsExactly(50.0, 61.0);
            // a withheld year keeps a row without a score
            assertThat(scores.replace("CHN", 2000, List.of(new NewScore("a", 2020, 50.0, 1, "{}"),
                    new NewScore("a", 2021, null, 0.4, "{\"withheld\":\"too little input\"}")))).isEqualTo(1);
            assertThat(scores.history("CHN", "a", 2000, 2030)).extracting(ScoreRow::score).containsExactly(50.0, null);
            assertThat(scores.ofRegion("CHN")).extracting(ScoreRow::indicator)
                    .as("the composite no longer computed is deleted").containsOnly("a");
            assertThat(scores.ofRegion("CHN")).filteredOn(r -> r.period() == 2021).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void seedingRecordsTheBaselineVersion(Vendor vendor) {
        try (Database db = open(vendor)) {
            assertThat(db.observations().baselineVersion()).isEmpty();
            var added = db.observations().seed("v1", List.of(new SeriesRow("S", "A series", "%", "src", null,
                    "CC BY 4.0", "2026-04-08", null)), List.of(new NewObservation("USA", "S", 2020, 3.0, null)), false);
            assertThat(added).containsExactly(new Cell("USA", 2020));
            assertThat(db.observations().baselineVersion()).contains("v1");
            assertThat(db.observations().seriesInfo("S")).get().extracting(SeriesRow::licence).isEqualTo("CC BY 4.0");
            assertThat(db.observations().ofRegion("USA")).hasSize(1);
            db.ping();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aNewerBaselineAddsWhatIsMissingAndNeverOverwritesValuesStoredSince(Vendor vendor) {
        try (Database db = open(vendor)) {
            SeriesRow s = new SeriesRow("S", "A series", "%", "src", null, "CC BY 4.0", "2026-04-08", null);
            db.observations().seed("v1", List.of(s), List.of(new NewObservation("USA", "S", 2020, 3.0, null)), false);
            db.observations().upsert(List.of(new NewObservation("USA", "S", 2020, 3.5, "a client")));
            var added = db.observations().seed("v2", List.of(s), List.of(new NewObservation("USA", "S", 2020, 3.0,
                    null), new NewObservation("USA", "S", 2021, 4.0, null)), true);
            assertThat(added).containsExactly(new Cell("USA", 2021));
            assertThat(db.observations().ofRegion("USA")).extracting(ObservationRow::value).containsExactly(3.5, 4.0);
            assertThat(db.observations().baselineVersion()).contains("v2");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void eventsOfOneOriginAreReplacedAsASetAndCountedAgainstEachTarget(Vendor vendor) {
        try (Database db = open(vendor)) {
            EventStore events = db.events();
            ControlEvent rule = event("rule-1", "2022-10-07", List.of("CHN"), "baseline");
            ControlEvent minerals = event("minerals", "2023-08-01", List.of("USA", "JPN"), "baseline");
            ControlEvent manual = event("manual-1", "2024-01-05", List.of("CHN"), "api");
            assertThat(events.replaceOrigin("baseline", List.of(rule, minerals)))
                    .containsExactly(new Cell("CHN", 2022), new Cell("USA", 2023), new Cell("JPN", 2023));
            events.replaceOrigin("api", List.of(manual));
            assertThat(events.ofRegion("CHN")).extracting(ControlEvent::key).containsExactly("rule-1", "manual-1");
            assertThat(events.ofRegion("JPN")).singleElement().extracting(ControlEvent::targets)
                    .isEqualTo(List.of("JPN", "USA"));
            // the same list again changes nothing; a list without an event removes it, other origins stay
            assertThat(events.replaceOrigin("baseline", List.of(rule, minerals))).isEmpty();
            assertThat(events.replaceOrigin("baseline", List.of(rule))).containsExactlyInAnyOrder(
                    new Cell("USA", 2023), new Cell("JPN", 2023));
            assertThat(events.all()).extracting(ControlEvent::key).containsExactly("rule-1", "manual-1");
        }
    }

    private static ControlEvent event(String key, String date, List<String> targets, String origin) {
        return new ControlEvent(key, java.time.LocalDate.parse(date), "USA", targets, "country-rule", "tighten",
                "targeted", null, "A rule " + key, "https://example.org/" + key, null, origin, false,
                java.time.Instant.EPOCH);
    }
}
