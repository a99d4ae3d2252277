package io.ballast.bench;

import io.ballast.bench.FanOutTable.Row;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The SSE fan-out benchmark: N clients (in a separate JVM, {@link FanOutClient}) hold a stream of China's scores open
 * on a real Ballast process; an observation is ingested and we measure, per client, the time from the ingest's
 * acknowledgement to the score event's arrival (p50, p99, max; median of 9 trials, after 300 triggers without streams
 * and 10 trials with them to warm the server up), and the server's heap and RSS per stream. The same is done against
 * {@link BareBroadcaster}, bare Vert.x sending the same bytes, as the floor. At Ballast's stream cap, 200 more clients
 * must be refused with 503 while the server keeps answering other requests. Ballast is measured twice, as configured
 * by default and without the uncertainty analysis, which takes both cores for a while after every change. Servers and
 * clients run below this harness's priority, so that it reads each acknowledgement when it arrives
 * ({@link ChildProcesses#startMeasured}). This class runs the steps of one measurement; triggering
 * ({@link FanOutTrigger}), the clients' protocol ({@link FanOutClientLines}), memory ({@link ServerMemory}) and the
 * table ({@link FanOutTable}) are classes of their own.
 * {@code java -cp server/bench/target/benchmarks.jar io.ballast.bench.FanOut [server.jar] [N,N,...]}.
 */
public final class FanOut {

    /** Ballast's default {@code stream.max-connections}: at this N the beyond-cap check runs. */
    private static final int STREAM_CAP = 10_000;
    private static final int SOURCES = 16;
    /** Trial medians at 1,000 streams move by a factor of two from one trial to the next: 5 were too few. */
    private static final int TRIALS = 9;
    /**
     * Enough changes for the JIT to have compiled the path from the commit to the event: code run once per change is
     * interpreted until it has run a few hundred times (tiered compilation's thresholds); with 50, a change's work took
     * about twice as long as with 300 (docs/performance.md). {@code -Dfanout.warmup=N} sets another count: the JIT
     * still compiles parts of Ballast's change path after 300 (a change runs much of its code once).
     */
    private static final int WARM_UP_TRIGGERS = Integer.getInteger("fanout.warmup", 300);
    /**
     * Enough writes to N streams for the JIT to have compiled the write path before anything is measured: with 2, the
     * compiler threads still took a large share of both cores during the measured trials (perf, docs/performance.md).
     */
    private static final int WARM_UP_TRIALS = 10;
    private static final int EXTRA = 200;
    /**
     * The same for both servers, so heap and RSS per stream compare like with like. The heap is fixed: the full GCs of
     * {@link ServerMemory} made G1 shrink it to about 94 MB just before the trials, and Ballast, which allocates a few
     * MB per change, then paused for a young GC (5-16 ms) every few changes, inside the measured window of some.
     */
    private static final List<String> SERVER_JVM = List.of("-Xms1g", "-Xmx1g");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ChildProcesses processes = new ChildProcesses();
    private final FanOutTrigger trigger = new FanOutTrigger();
    private final Path jar;
    private final Path benchJar;
    private final Path work;
    private Path eventFile;

    private FanOut(Path jar, Path benchJar, Path work) {
        this.jar = jar;
        this.benchJar = benchJar;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        FanOutArgs given = FanOutArgs.of(args, "1000,5000,10000", "ballast-fanout");
        int[] ns = given.ns();
        Path work = given.work();
        FanOut bench = new FanOut(given.jar(), given.benchJar(), work);
        System.out.println("fan-out benchmark, N = " + Arrays.toString(ns) + ", logs in " + work);
        List<Row> rows = new ArrayList<>();
        for (int n : ns) {
            rows.add(bench.measure(FanOutTarget.BALLAST, n, n >= STREAM_CAP));
            rows.add(bench.measure(FanOutTarget.BALLAST_NO_ANALYSIS, n, false));
            rows.add(bench.measure(FanOutTarget.BARE, n, false));
        }
        FanOutTable.print(rows, TRIALS);
        System.exit(0);
    }

    private Row measure(FanOutTarget target, int n, boolean beyondCap) throws Exception {
        String label = target.label() + " N=" + n;
        Launch launch = target == FanOutTarget.BARE
                ? Launch.bench(benchJar, SERVER_JVM, BareBroadcaster.class, eventFile.toString())
                : Launch.ballast(jar, Files.createTempDirectory(work, "ballast-data"), SERVER_JVM, target.extraYaml());
        int port = launch.port();
        Process server = processes.startMeasured(launch.command(), Redirect.to(log(label, "server").toFile()));
        Process client = null;
        try {
            launch.waitReady(http);
            if (target.ballast() && eventFile == null) {
                writeEventFile(port);
            }
            warmUp(target, port);
            long heapBefore = ServerMemory.heapKb(server.pid());
            long rssBefore = ServerMemory.rssKb(server.pid());
            client = processes.startMeasured(List.of(Launch.java(), "-Xmx2g", "-cp", benchJar.toString(),
                    FanOutClient.class.getName(), "127.0.0.1", Integer.toString(port), target.streamPath(),
                    Integer.toString(n), Integer.toString(SOURCES)), Redirect.PIPE);
            FanOutClientLines lines = new FanOutClientLines(client, log(label, "client"), label);
            int connected = awaitStreams(lines, label);
            double heapPerStream = (double) (ServerMemory.heapKb(server.pid()) - heapBefore) / connected;
            double rssPerStream = (double) (ServerMemory.rssKb(server.pid()) - rssBefore) / connected;
            double[] medians = trials(lines, target, port, label, connected);
            String cap = beyondCap ? beyondCap(lines, port) : "not checked (N below the cap)";
            lines.send("quit");
            client.waitFor(60, TimeUnit.SECONDS);
            return new Row(target, n, connected, medians[0], medians[1], medians[2], heapPerStream, rssPerStream,
                    target == FanOutTarget.BARE ? "-" : cap);
        } finally {
            processes.stop(client);
            processes.stop(server);
        }
    }

    private Path log(String label, String process) {
        return work.resolve(label.replace(' ', '-') + "-" + process + ".log");
    }

    /**
     * Warms the trigger path (for Ballast: ingest, rescoring, publishing) before anything is measured, so that the
     * trials time a running server rather than its first JIT compilations.
     */
    private void warmUp(FanOutTarget target, int port) throws Exception {
        for (int i = 0; i < WARM_UP_TRIGGERS; i++) {
            trigger.trigger(target, port);
            Thread.sleep(30);
        }
    }

    /** Waits for the client's streams to be open and says how many; answers how many connected (at least one). */
    private static int awaitStreams(FanOutClientLines lines, String label) throws InterruptedException {
        long t0 = System.nanoTime();
        int[] ready = lines.expectInts("ready", 300);
        System.out.printf(Locale.ROOT, "%s: %d streams open %.1f s after the client started (503: %d, "
                + "other failures: %d)%n", label, ready[0], (System.nanoTime() - t0) / 1e9, ready[1], ready[2]);
        if (ready[0] == 0) {
            throw new IllegalStateException(label + ": no stream connected");
        }
        return ready[0];
    }

    /**
     * The warm-up trials (the write path to N streams, warmed like the trigger path; not counted), then the measured
     * ones; answers the medians over the measured trials of their p50, p99 and max delay, in ms.
     */
    private double[] trials(FanOutClientLines lines, FanOutTarget target, int port, String label, int connected)
            throws Exception {
        for (int w = 0; w < WARM_UP_TRIALS; w++) {
            lines.send("ack " + trigger.trigger(target, port));
            lines.expectInts("result", 60);
            Thread.sleep(1_000);
        }
        double[][] trials = new double[3][TRIALS];
        for (int t = 0; t < TRIALS; t++) {
            lines.send("ack " + trigger.trigger(target, port));
            int[] received = lines.expectInts("result", 60);
            double[] ms = lines.lastDoubles();
            if (received[0] == 0) {
                throw new IllegalStateException(label + ": no stream received trial " + (t + 1) + "'s event");
            }
            System.out.printf(Locale.ROOT, "  trial %d: %d of %d received, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    t + 1, received[0], connected, ms[1], ms[2], ms[3]);
            for (int k = 0; k < 3; k++) {
                trials[k][t] = ms[k + 1];
            }
            Thread.sleep(1_000);
        }
        return new double[] {Stats.median(trials[0]), Stats.median(trials[1]), Stats.median(trials[2])};
    }

    /**
     * At the cap, more streams must be refused with 503 (not accepted, not left hanging), and everything that is not a
     * stream must still be served: the cap protects the process's open files, not its API.
     */
    private String beyondCap(FanOutClientLines lines, int port) throws Exception {
        lines.send("extra " + EXTRA);
        int[] extra = lines.expectInts("extra", 120);
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int ready = fresh.send(get(port, "/health/ready"), HttpResponse.BodyHandlers.discarding()).statusCode();
        int latest = fresh.send(get(port, "/api/v1/scores/latest?region=CHN"), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        String verdict = (extra[1] == EXTRA && ready == 200 && latest == 200 ? "ok: " : "FAILED: ") + extra[1] + "/"
                + EXTRA + " got 503 (" + extra[0] + " accepted, " + extra[2] + " other), ready " + ready
                + ", latest " + latest;
        System.out.println("  beyond the cap: " + verdict);
        return verdict;
    }

    /** The baseline's event is Ballast's own document for China, framed as Ballast frames it: the same size. */
    private void writeEventFile(int port) throws Exception {
        HttpResponse<String> r = http.send(get(port, "/api/v1/scores/latest?region=CHN"),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || r.body().contains("\n")) {
            throw new IllegalStateException("latest answered " + r.statusCode());
        }
        eventFile = work.resolve("event.txt");
        Files.writeString(eventFile, "id: 1\nevent: score\ndata: " + r.body() + "\n\n");
        System.out.println("event: " + Files.size(eventFile) + " bytes per frame");
    }

    private static HttpRequest get(int port, String path) {
        // a time limit: a request a server never answers must not stall the whole run (see Launch.waitReady)
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build();
    }
}
