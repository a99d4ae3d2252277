package io.ballast.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean restart of the embedded default serves the scores its last stop kept before its database is open, then
 * scores from the database behind readiness; any change to what they were computed from makes it score first. On
 * PostgreSQL (the "postgresql" execution) nothing is kept: the database may be written by other nodes in between.
 */
class ScoreSnapshotRestartTest {

    private static final String LATEST = "/api/v1/scores/latest?region=CHN";
    /** Stable documents: without the analysis, they do not change when its bands arrive. */
    private static final Map<String, String> NO_ANALYSIS = Map.of("BALLAST_UNCERTAINTY_ENABLED", "false");

    @TempDir
    Path dataDir;

    private Path kept() {
        return dataDir.resolve(ScoreInputs.SNAPSHOT_FILE);
    }

    @Test
    void aCleanRestartServesTheKeptScoresAtOnceAndTakesWritesWhileItsDatabaseOpens() throws Exception {
        String before = stopped(NO_ANALYSIS);
        assertThat(Files.exists(kept())).isEqualTo(!TestServer.onPostgres());
        try (TestServer server = TestServer.start(dataDir, NO_ANALYSIS)) {
            assertThat(server.ballast().restored()).isEqualTo(!TestServer.onPostgres());
            assertThat(server.get(LATEST).body()).isEqualTo(before);
            // a write right away waits for the database if it is still opening, and is scored like any other
            assertThat(server.post("/api/v1/observations", "{\"observations\":[{\"region\":\"CHN\","
                    + "\"series\":\"SL.UEM.TOTL.ZS\",\"period\":2025,\"value\":9.25}]}").statusCode()).isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.get(LATEST).body().contains("9.25"));
            server.ballast().backend().await();
            assertThat(kept()).as("a snapshot serves one start").doesNotExist();
            assertThat(scoringFrom(server)).isEqualTo("database");
            assertThat(server.get("/api/v1/scores/history?region=CHN").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aChangedWeightMakesTheRestartScoreFromTheDatabaseFirst() throws Exception {
        String before = stopped(NO_ANALYSIS);
        Map<String, String> heavier = new HashMap<>(NO_ANALYSIS);
        heavier.put("BALLAST_INDICATORS_LABOR_CONDITIONS_WEIGHT", "3");
        try (TestServer server = TestServer.start(dataDir, heavier)) {
            assertThat(server.ballast().restored()).isFalse();
            assertThat(server.get(LATEST).body()).isNotEqualTo(before);
            assertThat(scoringFrom(server)).isEqualTo("database");
        }
    }

    @Test
    void aDatabaseWrittenSinceTheStopMakesTheRestartScoreFromItFirst() throws Exception {
        stopped(NO_ANALYSIS);
        if (!TestServer.onPostgres()) {
            Path database = dataDir.resolve(ScoreInputs.DATABASE_FILE);
            Files.setLastModifiedTime(database, FileTime.fromMillis(Files.getLastModifiedTime(database).toMillis()
                    + 1000));
        }
        try (TestServer server = TestServer.start(dataDir, NO_ANALYSIS)) {
            assertThat(server.ballast().restored()).isFalse();
        }
    }

    @Test
    void aDamagedSnapshotIsIgnoredAndRemoved() throws Exception {
        stopped(NO_ANALYSIS);
        Files.writeString(kept(), "not a zip file");
        try (TestServer server = TestServer.start(dataDir, NO_ANALYSIS)) {
            assertThat(server.ballast().restored()).isFalse();
            assertThat(Files.exists(kept())).as("removed when read (on PostgreSQL never read)")
                    .isEqualTo(TestServer.onPostgres());
            assertThat(server.get(LATEST).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theBandsKeptWithTheScoresStayServedThroughTheFirstRecompute() throws Exception {
        String before;
        try (TestServer server = TestServer.start(dataDir)) {
            server.ballast().backend().await();
            before = analysed(server);
        }
        try (TestServer server = TestServer.start(dataDir)) {
            assertThat(server.ballast().restored()).isEqualTo(!TestServer.onPostgres());
            if (server.ballast().restored()) {
                assertThat(server.get(LATEST).body()).isEqualTo(before);
                server.ballast().backend().await();
                // the recompute took the kept analysis over: the bands never went back to "pending"
                assertThat(server.get(LATEST).body()).isEqualTo(before);
            }
        }
    }

    /** The CHN document once its uncertainty analysis is done. */
    private static String analysed(TestServer server) throws Exception {
        var json = new ObjectMapper();
        var doc = new java.util.concurrent.atomic.AtomicReference<String>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            doc.set(server.get(LATEST).body());
            return json.readTree(doc.get()).at("/uncertainty/status").asText().equals("done");
        });
        return doc.get();
    }

    /** Starts, waits until every region is scored from the database, stops; answers the CHN document it served. */
    private String stopped(Map<String, String> env) {
        try (TestServer server = TestServer.start(dataDir, env)) {
            server.ballast().backend().await();
            return server.get(LATEST).body();
        }
    }

    private static String scoringFrom(TestServer server) throws Exception {
        return new ObjectMapper().readTree(server.get("/health/ready").body()).at("/checks/scoring/from").asText();
    }
}
