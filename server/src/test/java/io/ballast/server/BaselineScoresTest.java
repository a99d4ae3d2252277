package io.ballast.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled baseline's documents, kept by the build's training run ({@code check --baseline-scores}) beside the
 * jar: a start on a new embedded database serves them while its database opens and is seeded, when nothing they were
 * computed from differs. Always on the embedded database, whatever the surefire execution.
 */
class BaselineScoresTest {

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aNewDatabaseServesTheKeptBaselineScoresUntilItHasScoredThemItself() throws Exception {
        Path kept = dir.resolve("baseline-scores.zip");
        String trained;
        Ballast training = start("training", Map.of(), kept);
        try {
            training.backend().await();
            trained = latest(training);
        } finally {
            assertThat(training.close(kept)).as("a new database with nothing but the baseline").isTrue();
        }
        assertThat(kept).exists();

        Ballast fresh = start("fresh", Map.of(), kept);
        try {
            assertThat(fresh.restored()).isTrue();
            assertThat(latest(fresh)).isEqualTo(trained);
            fresh.backend().await();
            assertThat(latest(fresh)).as("scored from its database: the same").isEqualTo(trained);
        } finally {
            assertThat(fresh.close(dir.resolve("again.zip"))).as("served, not made: still new, nothing else scored")
                    .isTrue();
        }
        assertThat(kept).as("kept for every new database, not used once").exists();

        Ballast again = start("fresh", Map.of(), kept);
        try {
            assertThat(again.restored()).as("an existing database serves its own snapshot").isTrue();
        } finally {
            assertThat(again.close(dir.resolve("not-new.zip"))).as("the database was not new").isFalse();
        }

        Ballast heavier = start("heavier", Map.of("BALLAST_INDICATORS_LABOR_CONDITIONS_WEIGHT", "3"), kept);
        try {
            assertThat(heavier.restored()).isFalse();
            assertThat(latest(heavier)).isNotEqualTo(trained);
        } finally {
            heavier.close();
        }

        Ballast empty = start("empty", Map.of("BALLAST_DATA_BASELINE", "false"), kept);
        try {
            assertThat(empty.restored()).as("a database that will not be seeded").isFalse();
        } finally {
            empty.close();
        }
    }

    @Test
    void aStartThatScoredSomethingElseKeepsNoBaselineScores() throws Exception {
        Path kept = dir.resolve("baseline-scores.zip");
        Ballast server = start("changed", Map.of(), kept);
        try {
            server.backend().await();
            HttpResponse<String> posted = client.send(HttpRequest.newBuilder(uri(server, "/api/v1/observations"))
                    .header("Authorization", "Bearer " + TestServer.TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"observations\":[{\"region\":\"CHN\",\"series\":"
                            + "\"SL.UEM.TOTL.ZS\",\"period\":2025,\"value\":9.5}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(200);
        } finally {
            assertThat(server.close(kept)).isFalse();
        }
        assertThat(kept).doesNotExist();
    }

    private Ballast start(String name, Map<String, String> extra, Path baseline) {
        Map<String, String> env = new HashMap<>();
        env.put("BALLAST_SERVER_PORT", "0");
        env.put("BALLAST_SERVER_HOST", "127.0.0.1");
        env.put("BALLAST_DATA_DIR", dir.resolve(name).toString());
        env.put("BALLAST_ADMIN_TOKEN", TestServer.TOKEN);
        env.put("BALLAST_UNCERTAINTY_ENABLED", "false");
        env.putAll(extra);
        BallastConfig config = new ConfigLoader().load(Optional.empty(), env);
        return Ballast.start(config, Optional.empty(), env, StartupPhases.fromNow(), Optional.of(baseline)).await();
    }

    private String latest(Ballast server) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(server, "/api/v1/scores/latest?region=CHN")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static URI uri(Ballast server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
