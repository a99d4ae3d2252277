package io.ballast.bench;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The processes of the end-to-end benchmark: Ballast as the README starts it (with the class-data archive when there
 * is one) or as a plain {@code java -jar}, and the bare Vert.x baseline ({@link BareServer}); started, waited for
 * until ready, and stopped. Their output is discarded.
 */
final class EndToEndServers {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ChildProcesses processes = new ChildProcesses();
    private final Path jar;
    private final Path benchJar;

    EndToEndServers(Path jar, Path benchJar) {
        this.jar = jar;
        this.benchJar = benchJar;
    }

    /** The client the parts share for their own requests. */
    HttpClient http() {
        return http;
    }

    /** The class-data archive the build writes beside the server jar (docs/operations.md). */
    Path archive() {
        return jar.resolveSibling("ballast.jsa");
    }

    /** Ballast as the README starts it: with the class-data archive when there is one. */
    Launch ballast(String extraYaml) throws IOException {
        return ballastIn(Files.createTempDirectory("ballast-bench"), extraYaml);
    }

    /** As {@link #ballast}, on the data directory under {@code dir} (another start of the same server). */
    Launch ballastIn(Path dir, String extraYaml) throws IOException {
        List<String> jvm = Files.exists(archive()) ? List.of("-XX:SharedArchiveFile=" + archive()) : List.of();
        return Launch.ballast(jar, dir, jvm, extraYaml);
    }

    /**
     * A server that was started on a new data directory, scored from its database and stopped cleanly (so that it
     * kept its score snapshot); answers the directory, for {@link #ballastIn}.
     */
    Path stoppedCleanly() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("ballast-bench");
        Launch first = ballastIn(dir, "");
        Process p = startReady(first);
        try {
            first.waitScoredFromDatabase(http);
        } finally {
            stop(p);
        }
        return dir;
    }

    /** Ballast started with a plain {@code java -jar}, no archive. */
    Launch plainBallast() throws IOException {
        return Launch.ballast(jar, Files.createTempDirectory("ballast-bench"), List.of(), "");
    }

    /** The bare Vert.x server answering {@code /bytes} with the file {@code body}. */
    Launch bare(Path body) throws IOException {
        return Launch.bench(benchJar, List.of(), BareServer.class, body.toString());
    }

    /** Starts the server and waits until it is ready; stops it again if it never becomes so. */
    Process startReady(Launch server) throws IOException, InterruptedException {
        Process p = start(server);
        try {
            server.waitReady(http);
            return p;
        } catch (RuntimeException | InterruptedException e) {
            stop(p);
            throw e;
        }
    }

    /** Milliseconds from the process's start to its first 200 from {@code /health/ready}; it is stopped after. */
    long msToReady(Launch server) throws IOException, InterruptedException {
        return timeToReady(server).ms();
    }

    /** The time to ready (as {@link #msToReady}) and the server's own ready line, if it logged one. */
    record Ready(long ms, Optional<ReadyLine> line) {
    }

    /** As {@link #msToReady}, reading the server's ready line (its start-up phases) from its output. */
    Ready timeToReady(Launch server) throws IOException, InterruptedException {
        Path log = Files.createTempFile("ballast-bench", ".log");
        long t0 = System.nanoTime();
        Process p = processes.start(server.command(), Redirect.to(log.toFile()));
        try {
            server.waitReady(http);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            return new Ready(ms, ReadyLine.await(log));
        } finally {
            stop(p);
            Files.deleteIfExists(log);
        }
    }

    void stop(Process p) throws InterruptedException {
        processes.stop(p);
    }

    private Process start(Launch server) throws IOException {
        return processes.start(server.command(), Redirect.DISCARD);
    }
}
