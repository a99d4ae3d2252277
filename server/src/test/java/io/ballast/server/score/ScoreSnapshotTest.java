package io.ballast.server.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.server.config.BallastConfig;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreSnapshotTest {

    @TempDir
    Path dir;

    @Test
    void theDocumentsKeptAreServedAgainByteForByteAndAsEachRegionsFirstEvent() throws Exception {
        try (ScoringRig rig = new ScoringRig("score-snapshot")) {
            List<String> regions = rig.config.regions().stream().map(BallastConfig.Region::code).toList();
            rig.service((region, event, bytes) -> { }).recomputeAll(regions);
            Path file = dir.resolve("score-snapshot.zip");
            ScoreSnapshot.of("inputs\nof the scores", rig.queries, regions, Optional.empty(), new ScoreJson(rig.json))
                    .write(file);
            assertThat(file).exists();
            assertThat(dir.resolve("score-snapshot.zip.partial")).doesNotExist();

            ScoreSnapshot read = ScoreSnapshot.read(file).orElseThrow();
            assertThat(read.inputs()).isEqualTo("inputs\nof the scores");
            assertThat(read.latest().keySet()).containsExactlyInAnyOrderElementsOf(regions);
            assertThat(read.uncertainty()).as("no analysis was done").isEmpty();

            // a server that has not scored anything serves them as they were, and sends each as its region's event
            Panel empty = new Panel();
            ScoreQueries fresh = new ScoreQueries(empty, rig.json, () -> rig.config, Optional::empty, () -> false);
            Map<String, Buffer> sent = new LinkedHashMap<>();
            read.serve(fresh, (region, event, bytes) -> sent.put(region + " " + event, bytes));
            for (String region : regions) {
                assertThat(fresh.latest(region)).contains(rig.queries.latest(region).orElseThrow());
                assertThat(sent).containsEntry(region + " score", rig.queries.latest(region).orElseThrow());
            }
        }
    }

    @Test
    void aMissingDamagedOrIncompleteFileIsNoSnapshot() throws Exception {
        assertThat(ScoreSnapshot.read(dir.resolve("none.zip"))).isEmpty();
        Path damaged = Files.writeString(dir.resolve("damaged.zip"), "not a zip file");
        assertThat(ScoreSnapshot.read(damaged)).isEmpty();
        Path noInputs = dir.resolve("no-inputs.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(noInputs))) {
            zip.putNextEntry(new ZipEntry("latest/CHN.json"));
            zip.write("{}".getBytes());
        }
        assertThat(ScoreSnapshot.read(noInputs)).isEmpty();
    }
}
