package io.ballast.server.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One Ballast process of a test cluster on loopback: its HTTP and Hazelcast ports, its data folder and its log. It
 * runs the test class path with the opens Hazelcast needs, a small heap and the quick compiler, as the other
 * process tests do.
 */
final class NodeProcess implements AutoCloseable {

    static final String TOKEN = "test-admin-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final int httpPort;
    final int clusterPort;
    private final Path data;
    private final Path log;
    private final Map<String, String> env;
    private Process process;

    private NodeProcess(int httpPort, int clusterPort, Path data, Map<String, String> env) {
        this.httpPort = httpPort;
        this.clusterPort = clusterPort;
        this.data = data;
        this.log = data.resolveSibling(data.getFileName() + ".log");
        this.env = env;
    }

    /** A node (not started) on free ports, with its data under {@code dir}. */
    static NodeProcess of(Path dir, String name, Map<String, String> env) throws IOException {
        return new NodeProcess(freePort(), freePort(), dir.resolve(name), env);
    }

    /** Starts the process; {@code members}: every node's Hazelcast address. */
    NodeProcess start(List<NodeProcess> members) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx320m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.management/sun.management=ALL-UNNAMED",
                "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
                "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.ballast.server.Main");
        pb.environment().keySet().removeIf(k -> k.startsWith("BALLAST_"));
        pb.environment().put("BALLAST_SERVER_PORT", String.valueOf(httpPort));
        pb.environment().put("BALLAST_SERVER_HOST", "127.0.0.1");
        pb.environment().put("BALLAST_SERVER_INSTANCES", "2");
        pb.environment().put("BALLAST_DATA_DIR", data.toString());
        pb.environment().put("BALLAST_ADMIN_TOKEN", TOKEN);
        pb.environment().put("BALLAST_UNCERTAINTY_SAMPLES", "64");
        pb.environment().put("BALLAST_UNCERTAINTY_SCENARIO_SAMPLES", "32");
        pb.environment().put("BALLAST_CLUSTER_ENABLED", "true");
        pb.environment().put("BALLAST_CLUSTER_HOST", "127.0.0.1");
        pb.environment().put("BALLAST_CLUSTER_PORT", String.valueOf(clusterPort));
        pb.environment().put("BALLAST_CLUSTER_NAME", "test-" + members.get(0).clusterPort);
        pb.environment().put("BALLAST_CLUSTER_MEMBERS", String.join(",",
                members.stream().map(m -> "127.0.0.1:" + m.clusterPort).toList()));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        return this;
    }

    /** Waits until {@code /health/ready} answers 200, failing with the log when the process exits or never does. */
    NodeProcess awaitReady() throws IOException {
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("node exited with " + process.exitValue() + ":\n" + logText());
                }
                try {
                    return get("/health/ready").statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("node not ready within 120 s:\n" + logText(), e);
        }
        return this;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or said goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpClient http() {
        return HTTP;
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
