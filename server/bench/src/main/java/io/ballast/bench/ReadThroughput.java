package io.ballast.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The end-to-end benchmark's reads part: {@code GET /api/v1/scores/latest} of a running Ballast under load
 * ({@link ReadLoad}), against the bare Vert.x server's route serving the very same bytes.
 */
final class ReadThroughput {

    private static final String LATEST = "/api/v1/scores/latest?region=CHN";

    private ReadThroughput() {
    }

    /** Loads Ballast on {@code port}, then a bare server started here serving Ballast's answer from {@code body}. */
    static void run(EndToEndServers servers, int port, Path body) throws Exception {
        HttpResponse<byte[]> latest = servers.http().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + LATEST)).build(), HttpResponse.BodyHandlers.ofByteArray());
        Files.write(body, latest.body());
        Launch bare = servers.bare(body);
        Process p = servers.startReady(bare);
        try {
            System.out.println("== reads: 10 s, 64 connections, of the same " + latest.body().length + " bytes");
            double[] b = ReadLoad.load(port, LATEST);
            double[] r = ReadLoad.load(bare.port(), "/bytes");
            RatioLine.print("ballast req/s", b[0], "bare route req/s", r[0]);
            RatioLine.print("ballast p99 ms", b[1], "bare route p99 ms", r[1]);
        } finally {
            servers.stop(p);
        }
    }
}
