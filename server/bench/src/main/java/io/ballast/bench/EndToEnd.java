package io.ballast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * End-to-end benchmarks of a real Ballast process against a baseline in the same run: start-up to ready (against a
 * bare Vert.x server), ingest through {@code POST /api/v1/observations} in batches of 1,000 (against a raw JDBC batch
 * into an H2 file), and {@code GET /api/v1/scores/latest} under load (against a bare route serving the same bytes).
 * This class picks the parts and gives each the server it needs; each part is a class of its own
 * ({@link StartUpTiming}, {@link FirstPaintTiming}, {@link ReadThroughput}, {@link IngestThroughput}), and
 * {@link EndToEndServers} starts and stops the processes.
 * {@code java -cp server/bench/target/benchmarks.jar io.ballast.bench.EndToEnd [server.jar]}.
 */
public final class EndToEnd {

    private final EndToEndServers servers;

    private EndToEnd(EndToEndServers servers) {
        this.servers = servers;
    }

    /** {@code EndToEnd [server.jar] [startup,viewers,ingest]}: all three parts unless some are named. */
    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "server/target/ballast-server.jar");
        Set<String> parts = Set.of((args.length > 1 ? args[1] : "startup,viewers,ingest").split(","));
        Path benchJar = Path.of(EndToEnd.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        new EndToEnd(new EndToEndServers(jar, benchJar)).run(parts);
        System.exit(0);
    }

    private void run(Set<String> parts) throws Exception {
        Path body = Files.createTempFile("ballast-bench", ".json");
        Files.writeString(body, "{}");
        if (parts.contains("startup")) {
            StartUpTiming.run(servers, body);
        }
        // the default configuration for what viewers do; one with 30 regions for ingest, so that 60,000
        // observations are as many different cells
        if (parts.contains("viewers")) {
            Launch server = servers.ballast("");
            Process p = servers.startReady(server);
            try {
                FirstPaintTiming.run(server.port());
                ReadThroughput.run(servers, server.port(), body);
            } finally {
                servers.stop(p);
            }
        }
        if (parts.contains("ingest")) {
            Launch server = servers.ballast(IngestThroughput.regionsYaml());
            Process p = servers.startReady(server);
            try {
                IngestThroughput.run(servers.http(), server.port());
            } finally {
                servers.stop(p);
            }
        }
    }
}
