package io.ballast.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the end-to-end benchmarks share: a server process's command, its readiness and its stop. */
record Launch(List<String> command, int port) {

    static final String TOKEN = "bench-admin-token-0123456789";

    /**
     * A Ballast process on a free port with a fresh data directory under {@code dir}; {@code jvm} goes before
     * {@code -jar}, {@code extraYaml} after the bench's own settings (loopback, admin token, no write limit).
     */
    static Launch ballast(Path jar, Path dir, List<String> jvm, String extraYaml) throws IOException {
        int port = freePort();
        Path config = dir.resolve("bench.yaml");
        Files.writeString(config, "server:\n  port: " + port + "\n  host: 127.0.0.1\n"
                + "data:\n  dir: " + dir.resolve("data") + "\nsecurity:\n  admin-token: " + TOKEN + "\n"
                + "  writes-per-minute: 1000000\n" + extraYaml);
        List<String> c = new java.util.ArrayList<>(List.of(java()));
        c.addAll(jvm);
        c.addAll(List.of("-jar", jar.toString(), "--config", config.toString()));
        return new Launch(List.copyOf(c), port);
    }

    /** A main class of the benchmarks jar on a free port, given as its first argument before {@code args}. */
    static Launch bench(Path benchJar, List<String> jvm, Class<?> main, String... args) throws IOException {
        int port = freePort();
        List<String> c = new java.util.ArrayList<>(List.of(java()));
        c.addAll(jvm);
        c.addAll(List.of("-cp", benchJar.toString(), main.getName(), Integer.toString(port)));
        c.addAll(Arrays.asList(args));
        return new Launch(List.copyOf(c), port);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Polls {@code /health/ready} until it answers 200 (60 s at most). Each request has a time limit: once, a freshly
     * started server never answered one (its HTTP metrics threw on that request), and the run must not stall.
     */
    void waitReady(HttpClient http) throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet, or no answer in time: ask again
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no server became ready on port " + port);
    }

    /**
     * Waits (60 s at most) until readiness says every region was scored from the database, not served from a score
     * snapshot: after that, a stop keeps the documents for the next start.
     */
    void waitScoredFromDatabase(HttpClient http) throws InterruptedException, IOException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (http.send(ready, HttpResponse.BodyHandlers.ofString()).body().contains("\"from\":\"database\"")) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the server on port " + port + " never scored from its database");
    }

    /** Stops a process, forcibly when it has not ended 30 s after being asked to. */
    static void stop(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor();
        }
    }
}
