package io.ballast.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged write is on disk: a server in its own process takes batches continuously, is killed with SIGKILL
 * mid-stream, restarts on the same data directory, and still has every observation it acknowledged.
 */
class DurabilityTest {

    static final String TOKEN = "durability-test-token-0123456789";
    static final List<String> REGIONS = List.of("CHN", "USA", "DEU", "JPN", "KOR", "IND");
    /** Series read by the built-in plugins: known without the bundled catalogue. */
    static final List<String> SERIES = List.of("BX.KLT.DINV.WD.GD.ZS", "SL.EMP.VULN.ZS", "SL.UEM.TOTL.ZS",
            "SL.UEM.1524.ZS", "GB.XPD.RSDV.GD.ZS", "IP.PAT.RESD", "NV.IND.MANF.ZS", "TX.VAL.TECH.MF.ZS");
    static final int PER_BATCH = 10;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A cell of the test's own: years before 2000 keep scoring cheap. */
    record Cell(String region, String series, int period) {
        static Cell of(int i) {
            return new Cell(REGIONS.get(i % REGIONS.size()), SERIES.get((i / REGIONS.size()) % SERIES.size()),
                    1900 + i / (REGIONS.size() * SERIES.size()));
        }
    }

    @Test
    void everyAcknowledgedObservationSurvivesASigkill() throws Exception {
        Path data = dir.resolve("data");
        Map<Cell, Double> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();

        int port = freePort();
        Process first = start(data, port, dir.resolve("first.log"));
        try {
            awaitReady(first, port, dir.resolve("first.log"));
            Thread writer = new Thread(() -> ingest(port, acknowledged, stop), "durability-writer");
            writer.start();
            try {
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                        .until(() -> acknowledged.size() >= 300);
            } catch (ConditionTimeoutException e) {
                // a slow machine: kill with what was acknowledged so far, the check below holds all the same
            }
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close of the database
            first.waitFor();
            stop.set(true);
            writer.join(10_000);
        } finally {
            first.destroyForcibly();
        }
        assertThat(acknowledged).as("batches acknowledged before the kill").hasSizeGreaterThanOrEqualTo(300);

        int again = freePort();
        Process second = start(data, again, dir.resolve("second.log"));
        try {
            awaitReady(second, again, dir.resolve("second.log"));
            Map<String, Map<Integer, Double>> stored = new HashMap<>();
            for (String region : REGIONS) {
                for (String series : SERIES) {
                    JsonNode doc = JSON.readTree(get(again, "/api/v1/series/" + series + "?region=" + region).body());
                    Map<Integer, Double> points = new HashMap<>();
                    doc.path("points").forEach(p -> points.put(p.get("period").asInt(), p.get("value").asDouble()));
                    stored.put(region + "/" + series, points);
                }
            }
            acknowledged.forEach((cell, value) -> assertThat(stored.get(cell.region() + "/" + cell.series()))
                    .as("acknowledged %s", cell).containsEntry(cell.period(), value));
        } finally {
            second.destroyForcibly();
            second.waitFor();
        }
    }

    /** Posts batches of new cells one after another until stopped or the server is gone. */
    private void ingest(int port, Map<Cell, Double> acknowledged, AtomicBoolean stop) {
        int next = 0;
        while (!stop.get() && next + PER_BATCH <= REGIONS.size() * SERIES.size() * 100) {
            Map<Cell, Double> batch = new HashMap<>();
            StringBuilder body = new StringBuilder("{\"observations\":[");
            for (int i = 0; i < PER_BATCH; i++, next++) {
                Cell cell = Cell.of(next);
                double value = next + 0.25;
                batch.put(cell, value);
                body.append(i == 0 ? "" : ",").append("{\"region\":\"").append(cell.region())
                        .append("\",\"series\":\"").append(cell.series()).append("\",\"period\":")
                        .append(cell.period()).append(",\"value\":").append(value).append('}');
            }
            body.append("]}");
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(port, "/api/v1/observations"))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    acknowledged.putAll(batch);
                } else {
                    throw new AssertionError("ingest answered " + r.statusCode() + ": " + r.body());
                }
            } catch (IOException e) {
                return; // the server was killed mid-request: that batch was never acknowledged
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Process start(Path data, int port, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "io.ballast.server.Main");
        pb.environment().keySet().removeIf(k -> k.startsWith("BALLAST_"));
        pb.environment().put("BALLAST_SERVER_PORT", String.valueOf(port));
        pb.environment().put("BALLAST_SERVER_HOST", "127.0.0.1");
        pb.environment().put("BALLAST_SERVER_INSTANCES", "2");
        pb.environment().put("BALLAST_DATA_DIR", data.toString());
        pb.environment().put("BALLAST_DATA_BASELINE", "false");
        pb.environment().put("BALLAST_ADMIN_TOKEN", TOKEN);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    private void awaitReady(Process process, int port, Path log) throws Exception {
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("the server exited with " + process.exitValue() + ":\n"
                            + Files.readString(log));
                }
                try {
                    return get(port, "/health/ready").statusCode() == 200;
                } catch (IOException e) {
                    return false; // not listening yet
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the server was not ready within 60 s:\n" + Files.readString(log), e);
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
