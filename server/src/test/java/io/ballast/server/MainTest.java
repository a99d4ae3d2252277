package io.ballast.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The real process refuses to start on a bad config, with exit code 2 and a message naming the file and the key. */
class MainTest {

    @TempDir
    Path dir;

    record Run(int exit, String stdout, String stderr) {
    }

    private Run run(String... args) throws Exception {
        return run(java.util.Map.of(), args);
    }

    private Run run(java.util.Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("BALLAST_"));
        pb.environment().put("BALLAST_DATA_DIR", dir.resolve("data").toString());
        pb.environment().putAll(env);
        pb.redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        assertThat(done).as("the process ends by itself").isTrue();
        return new Run(p.exitValue(), Files.readString(dir.resolve("stdout.txt")),
                Files.readString(dir.resolve("stderr.txt")));
    }

    @org.junit.jupiter.api.Test
    void checkStartsTheServerAsksItForReadinessTheDashboardAndScoresAndExitsZero() throws Exception {
        Run run = run(java.util.Map.of("BALLAST_SERVER_PORT", "0", "BALLAST_SERVER_HOST", "127.0.0.1"), "check");
        assertThat(run.exit()).as(run.stdout() + run.stderr()).isZero();
        assertThat(run.stdout()).containsPattern("ballast check: ready in \\d+ ms; /health/ready 200; / 200; "
                + "/api/v1/scores/latest\\?region=CHN 200");
        assertThat(run.stdout()).doesNotContain("Ballast is ready");
    }

    @org.junit.jupiter.api.Test
    void checkExitsOneWhenTheServerCannotStart() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Run run = run(java.util.Map.of("BALLAST_SERVER_PORT", Integer.toString(taken.getLocalPort()),
                    "BALLAST_SERVER_HOST", "127.0.0.1"), "check");
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.stdout() + run.stderr()).contains("could not start: cannot listen on 127.0.0.1:"
                    + taken.getLocalPort()).doesNotContain("ballast check: ready").doesNotContain("\tat ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "misspelt key      | server:\\n  prot: 9090\\n                              | server.prot    | did you mean 'server.port'",
            "wrong type        | server:\\n  port: high\\n                             | server.port    | whole number",
            "negative weight   | indicators:\\n  labor-conditions:\\n    weight: -1\\n | indicators.labor-conditions.weight | from 0",
    })
    void anInvalidConfigFileStopsStartUpNamingTheFileAndTheKey(String name, String yaml, String key, String what)
            throws Exception {
        Path file = dir.resolve("ballast.yaml");
        Files.writeString(file, yaml.strip().replace("\\n", "\n") + "\n");
        Run run = run("--config", file.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains(file.toString()).contains(key).contains(what).doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "missing file")
    @CsvSource("nope.yaml")
    void aMissingConfigFileStopsStartUpNamingIt(String name) throws Exception {
        Run run = run("--config", dir.resolve(name).toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains(dir.resolve(name).toString()).contains("does not exist");
    }

    @org.junit.jupiter.api.Test
    void withJsonLogsEveryLineIsAJsonObjectAndARequestsLinesCarryItsId() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("BALLAST_"));
        pb.environment().putAll(java.util.Map.of("BALLAST_DATA_DIR", dir.resolve("data").toString(),
                "BALLAST_SERVER_PORT", Integer.toString(port), "BALLAST_SERVER_HOST", "127.0.0.1",
                "BALLAST_LOGGING_FORMAT", "json", "BALLAST_ADMIN_TOKEN", "json-logs-test-token-123"));
        Process p = pb.start();
        var lines = new java.util.concurrent.LinkedBlockingQueue<String>();
        Thread reader = new Thread(() -> new java.io.BufferedReader(new java.io.InputStreamReader(
                p.getInputStream(), StandardCharsets.UTF_8)).lines().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        try {
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            boolean ready = false;
            while (!ready && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null) {
                    var node = mapper.readTree(line);
                    assertThat(node.isObject()).as(line).isTrue();
                    ready = node.path("formattedMessage").asText().contains("Ballast is ready");
                }
            }
            assertThat(ready).as("the server said it was ready").isTrue();
            var client = java.net.http.HttpClient.newHttpClient();
            var response = client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/observations"))
                    .header("Content-Type", "application/json").header("X-Request-Id", "trace-me-42")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("X-Request-Id")).hasValue("trace-me-42");
            String logged = null;
            while (logged == null && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && mapper.readTree(line).path("formattedMessage").asText()
                        .contains("/api/v1/observations")) {
                    logged = line;
                }
            }
            assertThat(logged).as("the request's log line").isNotNull();
            assertThat(mapper.readTree(logged).path("mdc").path("requestId").asText()).isEqualTo("trace-me-42");
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
