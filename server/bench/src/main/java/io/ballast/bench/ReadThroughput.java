package io.ballast.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The end-to-end benchmark's reads part: {@code GET /api/v1/scores/latest} of a running Ballast under load
 * ({@link ReadLoad}), against the bare Vert.x server's route serving the very same bytes. The two are loaded in turn,
 * three rounds each after one round each that is not counted (warm-up), so that a neighbour's load that comes and
 * goes falls on both; each round's ratio is printed, and the medians.
 */
final class ReadThroughput {

    private static final String LATEST = "/api/v1/scores/latest?region=CHN";
    private static final int ROUNDS = 3;

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
            System.out.println("== reads: 10 s, 64 connections, of the same " + latest.body().length + " bytes, "
                    + ROUNDS + " alternating rounds after one of each not counted");
            double[][] b = new double[ROUNDS][];
            double[][] r = new double[ROUNDS][];
            // a round of each not counted: on a busy machine 3 s did not get Ballast's larger read path compiled
            ReadLoad.load(port, LATEST);
            ReadLoad.load(bare.port(), "/bytes");
            for (int i = 0; i < ROUNDS; i++) {
                b[i] = ReadLoad.load(port, LATEST);
                r[i] = ReadLoad.load(bare.port(), "/bytes");
                RatioLine.print("round " + (i + 1) + " req/s", b[i][0], "bare route req/s", r[i][0]);
            }
            RatioLine.print("ballast req/s", Stats.median(b, 0), "bare route req/s", Stats.median(r, 0));
            RatioLine.print("ballast p99 ms", Stats.median(b, 1), "bare route p99 ms", Stats.median(r, 1));
            double[] ratios = new double[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                ratios[i] = b[i][0] / r[i][0];
            }
            System.out.printf(java.util.Locale.ROOT, "  reads ratio (median of the rounds' ratios): %.2f (target >= "
                    + "0.80)%n", Stats.median(ratios));
        } finally {
            servers.stop(p);
        }
    }
}
