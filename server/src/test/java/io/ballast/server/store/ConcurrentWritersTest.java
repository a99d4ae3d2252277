package io.ballast.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two store instances on one PostgreSQL database, as two nodes have them, ingesting overlapping batches from several
 * threads each: nothing is lost, no write fails on a duplicate key or a deadlock, and what is stored equals a serial
 * run of the same batches.
 */
class ConcurrentWritersTest {

    private static final List<String> REGIONS = List.of("CHN", "USA", "DEU", "JPN", "BRA", "IND");
    private static final int WRITERS = 8;
    private static final int BATCHES = 12;

    @Test
    void twoNodesIngestingOverlappingBatchesLoseNothingAndEndAsASerialRun() throws Exception {
        List<List<List<NewObservation>>> work = work();
        Map<String, Double> serial;
        try (Database db = Database.open(fresh())) {
            work.forEach(writer -> writer.forEach(batch -> db.observations().upsert(batch)));
            serial = contents(db);
        }
        JdbcTarget shared = fresh();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try (Database nodeA = Database.open(shared); Database nodeB = Database.open(shared)) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Database node = w % 2 == 0 ? nodeA : nodeB;
                List<List<NewObservation>> batches = work.get(w);
                String region = REGIONS.get(w % REGIONS.size());
                running.add(pool.submit(() -> {
                    for (List<NewObservation> batch : batches) {
                        node.observations().upsert(batch);
                        node.scores().replace(region, 2000, List.of(
                                new ScoreStore.NewScore("composite", 2001, 50.0, 1, "{}")));
                    }
                    return null;
                }));
            }
            for (Future<?> writer : running) {
                writer.get(120, TimeUnit.SECONDS); // a deadlock or a duplicate key would fail it, a hang time out
            }
            assertThat(contents(nodeB)).isEqualTo(serial);
            for (String region : REGIONS.subList(0, 4)) {
                assertThat(nodeA.scores().ofRegion(region)).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Per writer, batches spanning several regions in shuffled order (locks taken in the batch's order would
     * deadlock), with cells every writer writes (the same value) and cells only this writer writes.
     */
    private static List<List<List<NewObservation>>> work() {
        Random random = new Random(42);
        List<List<List<NewObservation>>> out = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            List<List<NewObservation>> batches = new ArrayList<>();
            for (int b = 0; b < BATCHES; b++) {
                List<String> regions = new ArrayList<>(REGIONS);
                Collections.shuffle(regions, random);
                List<NewObservation> batch = new ArrayList<>();
                for (String region : regions.subList(0, 3)) {
                    for (int year = 2000; year < 2020; year++) {
                        batch.add(new NewObservation(region, "SHARED", year, year * 0.5, null));
                    }
                    batch.add(new NewObservation(region, "W" + w, 2000 + b, w * 100.0 + b, "writer " + w));
                }
                batches.add(batch);
            }
            out.add(batches);
        }
        return out;
    }

    private static JdbcTarget fresh() {
        return JdbcTarget.of(PostgresFixture.shared().createDatabase("writers"), PostgresFixture.USER, "");
    }

    private static Map<String, Double> contents(Database db) {
        Map<String, Double> out = new TreeMap<>();
        for (String region : REGIONS) {
            db.observations().ofRegion(region).forEach(row ->
                    out.put(row.region() + "/" + row.series() + "/" + row.period(), row.value()));
        }
        return out;
    }
}
