package io.ballast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end benchmark's start-up part: process start to {@code /health/ready} answering 200, for Ballast with the
 * class-data archive on an empty data directory (the README command's first start) and again on the directory of a
 * server stopped cleanly (a restart) and with weights other than the bundled baseline's documents were computed with
 * (so it scores from its database first), Ballast as a plain {@code java -jar} on an empty data directory, and the
 * bare Vert.x server; and the median of each start-up phase Ballast logs in its ready line (the first case).
 */
final class StartUpTiming {

    private static final int RUNS = 5;
    /**
     * A configuration the bundled baseline's documents were not computed with: that start scores every region from
     * its database before it is ready, as every start did before score snapshots.
     */
    private static final String OTHER_WEIGHTS = "indicators:\n  labor-conditions:\n    weight: 2\n";

    private StartUpTiming() {
    }

    /** Starts each server five times, interleaved, and reports the medians; {@code body} is the bare server's. */
    static void run(EndToEndServers servers, Path body) throws Exception {
        System.out.println("== start-up: process start to /health/ready answering 200, empty data directory "
                + "unless said (median of 5)");
        double[] archived = new double[RUNS];
        double[] restarted = new double[RUNS];
        double[] scored = new double[RUNS];
        double[] plain = new double[RUNS];
        double[] bare = new double[RUNS];
        Map<String, double[]> phases = new LinkedHashMap<>();
        for (int i = 0; i < RUNS; i++) {
            EndToEndServers.Ready ready = servers.timeToReady(servers.ballast(""));
            archived[i] = ready.ms();
            int run = i;
            ready.line().ifPresent(line -> line.phases().forEach((name, ms) ->
                    phases.computeIfAbsent(name, n -> new double[RUNS])[run] = ms));
            plain[i] = servers.msToReady(servers.plainBallast());
            restarted[i] = servers.msToReady(servers.ballastIn(servers.stoppedCleanly(), ""));
            scored[i] = servers.msToReady(servers.ballast(OTHER_WEIGHTS));
            bare[i] = servers.msToReady(servers.bare(body));
        }
        if (Files.exists(servers.archive())) {
            RatioLine.print("with .jsa ms", Stats.median(archived), "bare vert.x ms", Stats.median(bare));
            RatioLine.print("restart, .jsa ms", Stats.median(restarted), "bare vert.x ms", Stats.median(bare));
            RatioLine.print("other weights ms", Stats.median(scored), "bare vert.x ms", Stats.median(bare));
        } else {
            System.out.println("  no " + servers.archive() + " (built with -Dballast.cds.skip?): both runs are "
                    + "without it");
        }
        RatioLine.print("java -jar ms", Stats.median(plain), "bare vert.x ms", Stats.median(bare));
        StringBuilder line = new StringBuilder("  phases, median ms (with .jsa when built; they overlap):");
        phases.forEach((name, ms) -> line.append(' ').append(name).append(' ').append((long) Stats.median(ms)));
        System.out.println(line);
        System.out.printf(Locale.ROOT, "  start-up ratio (with .jsa when built, else java -jar): %.2f (target <= 1.5)%n",
                Stats.median(archived) / Stats.median(bare));
    }
}
