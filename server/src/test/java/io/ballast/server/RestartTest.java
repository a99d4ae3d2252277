package io.ballast.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default keeps what was ingested across a restart, and seeds the baseline only once. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartKeepsIngestedObservationsAndTheirScores() {
        String latest;
        try (TestServer server = TestServer.start(dataDir)) {
            assertThat(server.post("/api/v1/observations", "{\"observations\":[{\"region\":\"IND\","
                    + "\"series\":\"SL.UEM.TOTL.ZS\",\"period\":2025,\"value\":9.95}]}").statusCode()).isEqualTo(200);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                    server.get("/api/v1/scores/latest?region=IND").body().contains("9.95"));
            latest = analysed(server);
        }
        assertThat(Files.exists(dataDir.resolve("ballast.mv.db"))).as("the H2 file, unless the server used PostgreSQL")
                .isEqualTo(!TestServer.onPostgres());
        try (TestServer server = TestServer.start(dataDir)) {
            assertThat(server.get("/api/v1/series/SL.UEM.TOTL.ZS?region=IND").body()).contains("9.95");
            assertThat(analysed(server)).as("the same scores, and the same bands from the seeded analysis")
                    .isEqualTo(latest);
        }
    }

    /** The latest IND document once its uncertainty analysis is done, without the time it was done at. */
    private static String analysed(TestServer server) {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var doc = new java.util.concurrent.atomic.AtomicReference<com.fasterxml.jackson.databind.JsonNode>();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).until(() -> {
            doc.set(json.readTree(server.get("/api/v1/scores/latest?region=IND").body()));
            return doc.get().at("/uncertainty/status").asText().equals("done");
        });
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get().get("uncertainty")).remove("computedAt");
        return doc.get().toString();
    }

    @Test
    void withoutAConfiguredTokenTheFirstStartGeneratesOneReadableOnlyByItsOwner() throws Exception {
        try (TestServer server = TestServer.start(dataDir, java.util.Map.of("BALLAST_ADMIN_TOKEN", ""))) {
            Path token = dataDir.resolve("admin-token");
            assertThat(token).exists();
            String secret = Files.readString(token).strip();
            assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
            assertThat(server.ballast().adminToken()).isEqualTo(secret);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(token)))
                    .isEqualTo("rw-------");
            assertThat(server.post("/api/v1/observations", "{\"observations\":[{\"region\":\"IND\","
                    + "\"series\":\"NE.TRD.GNFS.ZS\",\"period\":2023,\"value\":45}]}", secret).statusCode())
                    .isEqualTo(200);
            assertThat(server.post("/api/v1/observations", "{\"observations\":[]}", TestServer.TOKEN).statusCode())
                    .isEqualTo(401);
        }
    }
}
