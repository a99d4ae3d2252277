package io.ballast.bench;

import java.lang.ProcessBuilder.Redirect;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Viewers spread over a cluster against the same number on one node, in the same run: N streams of China's scores on
 * one Ballast process, then N/2 on each of two clustered processes; an observation is ingested on the first node and
 * we measure, per stream, the time from the ingest's acknowledgement to the score event's arrival (median of 5 trials
 * after the same warm-up as {@link FanOut}), and the servers' heap and RSS per stream (all servers' growth over all
 * streams). One {@link FanOutClient} JVM per node holds that node's streams; with two nodes the p50 is the mean of the
 * two clients' p50s and the p99 and max the worse of theirs. The two nodes keep separate embedded databases: the
 * cluster's delivery path (ids, the event bus, ordering, adopted scores) is what is measured, not a shared database.
 * {@code java -cp server/bench/target/benchmarks.jar io.ballast.bench.FanOutCluster [server.jar] [N,N,...]}.
 */
public final class FanOutCluster {

    private static final int SOURCES = 16;
    private static final int TRIALS = 5;
    private static final int WARM_UP_TRIGGERS = 50;
    private static final int WARM_UP_TRIALS = 2;
    private static final List<String> SERVER_JVM = List.of("-Xmx1g");

    /** One layout at one N: medians over the trials, and memory per stream. */
    record Row(int nodes, int n, int connected, double p50, double p99, double max, double heapKb, double rssKb) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ChildProcesses processes = new ChildProcesses();
    private final FanOutTrigger trigger = new FanOutTrigger();
    private final Path jar;
    private final Path benchJar;
    private final Path work;

    private FanOutCluster(Path jar, Path benchJar, Path work) {
        this.jar = jar;
        this.benchJar = benchJar;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        FanOutArgs given = FanOutArgs.of(args, "1000,4000", "ballast-fanout-cluster");
        int[] ns = given.ns();
        Path work = given.work();
        FanOutCluster bench = new FanOutCluster(given.jar(), given.benchJar(), work);
        System.out.println("cluster fan-out benchmark, N = " + Arrays.toString(ns) + ", logs in " + work);
        List<Row> rows = new ArrayList<>();
        for (int n : ns) {
            rows.add(bench.measure(1, n));
            rows.add(bench.measure(2, n));
        }
        print(rows);
        System.exit(0);
    }

    private Row measure(int nodes, int n) throws Exception {
        String label = nodes + "-node N=" + n;
        List<Launch> launches = launches(nodes);
        List<Process> servers = new ArrayList<>();
        List<Process> clients = new ArrayList<>();
        try {
            for (Launch launch : launches) {
                Redirect log = Redirect.to(log(label, "server-" + servers.size()).toFile());
                servers.add(processes.startMeasured(launch.command(), log));
            }
            for (Launch launch : launches) {
                launch.waitReady(http);
            }
            int port = launches.get(0).port();
            for (int i = 0; i < WARM_UP_TRIGGERS; i++) {
                trigger.trigger(FanOutTarget.BALLAST, port);
                Thread.sleep(30);
            }
            long[] heapBefore = new long[nodes];
            long[] rssBefore = new long[nodes];
            for (int i = 0; i < nodes; i++) {
                heapBefore[i] = ServerMemory.heapKb(servers.get(i).pid());
                rssBefore[i] = ServerMemory.rssKb(servers.get(i).pid());
            }
            List<FanOutClientLines> lines = new ArrayList<>();
            int connected = 0;
            for (Launch launch : launches) {
                Process client = processes.startMeasured(List.of(Launch.java(), "-Xmx2g", "-cp", benchJar.toString(),
                        FanOutClient.class.getName(), "127.0.0.1", Integer.toString(launch.port()),
                        FanOutTarget.BALLAST.streamPath(), Integer.toString(n / nodes), Integer.toString(SOURCES)),
                        Redirect.PIPE);
                clients.add(client);
                lines.add(new FanOutClientLines(client, work.resolve(label.replace(' ', '-') + "-client-"
                        + lines.size() + ".log"), label));
            }
            for (FanOutClientLines l : lines) {
                connected += l.expectInts("ready", 300)[0];
            }
            long heap = 0;
            long rss = 0;
            for (int i = 0; i < nodes; i++) {
                heap += ServerMemory.heapKb(servers.get(i).pid()) - heapBefore[i];
                rss += ServerMemory.rssKb(servers.get(i).pid()) - rssBefore[i];
            }
            double[] medians = trials(lines, port, label);
            lines.forEach(l -> l.send("quit"));
            return new Row(nodes, n, connected, medians[0], medians[1], medians[2], (double) heap / connected,
                    (double) rss / connected);
        } finally {
            for (Process p : clients) {
                processes.stop(p);
            }
            for (Process p : servers) {
                processes.stop(p);
            }
        }
    }

    /** One single node, or two nodes joined on loopback (each its own embedded database). */
    private List<Launch> launches(int nodes) throws Exception {
        if (nodes == 1) {
            return List.of(Launch.ballast(jar, Files.createTempDirectory(work, "node"), SERVER_JVM, ""));
        }
        int[] hz = {freePort(), freePort()};
        String members = "127.0.0.1:" + hz[0] + ",127.0.0.1:" + hz[1];
        List<Launch> out = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            out.add(Launch.ballast(jar, Files.createTempDirectory(work, "node"), SERVER_JVM,
                    "database:\n  url: jdbc:h2:mem:bench" + i + "\ncluster:\n  enabled: true\n  host: 127.0.0.1\n"
                            + "  port: " + hz[i] + "\n  members: " + members + "\n  name: bench-" + hz[0] + "\n"));
        }
        return out;
    }

    /** The medians over the measured trials of p50 (mean over the clients), p99 and max (worst client), in ms. */
    private double[] trials(List<FanOutClientLines> lines, int port, String label) throws Exception {
        for (int w = 0; w < WARM_UP_TRIALS; w++) {
            long ack = trigger.trigger(FanOutTarget.BALLAST, port);
            for (FanOutClientLines l : lines) {
                l.send("ack " + ack);
            }
            for (FanOutClientLines l : lines) {
                l.expectInts("result", 60);
            }
            Thread.sleep(1_000);
        }
        double[][] trials = new double[3][TRIALS];
        for (int t = 0; t < TRIALS; t++) {
            long ack = trigger.trigger(FanOutTarget.BALLAST, port);
            lines.forEach(l -> l.send("ack " + ack));
            int received = 0;
            double p50 = 0;
            for (FanOutClientLines l : lines) {
                received += l.expectInts("result", 60)[0];
                double[] ms = l.lastDoubles();
                p50 += ms[1] / lines.size();
                trials[1][t] = Math.max(trials[1][t], ms[2]);
                trials[2][t] = Math.max(trials[2][t], ms[3]);
            }
            trials[0][t] = p50;
            System.out.printf(Locale.ROOT, "  %s trial %d: %d received, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    label, t + 1, received, trials[0][t], trials[1][t], trials[2][t]);
            Thread.sleep(1_000);
        }
        return new double[] {Stats.median(trials[0]), Stats.median(trials[1]), Stats.median(trials[2])};
    }

    private static void print(List<Row> rows) {
        System.out.println();
        System.out.println("delivery: from the ingest's acknowledgement on node 1 to each stream's event, ms, median of "
                + TRIALS + " trials; memory: servers' heap (after GC) and RSS growth per stream, KB");
        System.out.printf("%7s  %-22s  %-22s  %-12s  %-19s  %s%n", "N", "1 node p50/p99/max", "2 nodes p50/p99/max",
                "p50/p99 2:1", "heap KB 1 / 2 nodes", "RSS KB 1 / 2 nodes");
        for (int i = 0; i + 1 < rows.size(); i += 2) {
            Row one = rows.get(i);
            Row two = rows.get(i + 1);
            System.out.printf(Locale.ROOT, "%7d  %-22s  %-22s  %-12s  %-19s  %s%n", one.n(), triple(one), triple(two),
                    String.format(Locale.ROOT, "%.2f / %.2f", two.p50() / one.p50(), two.p99() / one.p99()),
                    String.format(Locale.ROOT, "%.1f / %.1f", one.heapKb(), two.heapKb()),
                    String.format(Locale.ROOT, "%.1f / %.1f", one.rssKb(), two.rssKb()));
            if (one.connected() != one.n() || two.connected() != two.n()) {
                System.out.println("         (connected: 1 node " + one.connected() + ", 2 nodes " + two.connected()
                        + ")");
            }
        }
    }

    private static String triple(Row r) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", r.p50(), r.p99(), r.max());
    }

    private Path log(String label, String process) {
        return work.resolve(label.replace(' ', '-') + "-" + process + ".log");
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
