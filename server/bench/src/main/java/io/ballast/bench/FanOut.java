package io.ballast.bench;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SSE fan-out benchmark: N clients (in a separate JVM, {@link FanOutClient}) hold a stream of China's scores open
 * on a real Ballast process; an observation is ingested and we measure, per client, the time from the ingest's
 * acknowledgement to the score event's arrival (p50, p99, max; median of 5 trials, after 50 triggers without streams
 * and 2 trials with them to warm the server up), and the server's heap and RSS per stream. The same is done against {@link BareBroadcaster}, bare Vert.x sending the same bytes, as the floor. At
 * Ballast's stream cap, 200 more clients must be refused with 503 while the server keeps answering other requests.
 * {@code java -cp server/bench/target/benchmarks.jar io.ballast.bench.FanOut [server.jar] [N,N,...]}.
 */
public final class FanOut {

    /** Ballast's default {@code stream.max-connections}: at this N the beyond-cap check runs. */
    private static final int STREAM_CAP = 10_000;
    private static final int SOURCES = 16;
    private static final int TRIALS = 5;
    private static final int WARM_UP_TRIGGERS = 50;
    private static final int WARM_UP_TRIALS = 2;
    private static final int EXTRA = 200;
    /** The same for both servers, so heap and RSS per stream compare like with like. */
    private static final List<String> SERVER_JVM = List.of("-Xmx1g");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final Pattern CHANGED = Pattern.compile("\"changedCells\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Path jar;
    private final Path benchJar;
    private final Path work;
    /** Every process still running, for the shutdown hook: none may outlive a failed or interrupted run. */
    private final List<Process> running = new ArrayList<>();
    private Path eventFile;
    /** Observations posted in this run: each posts a value no earlier one had, so the score really changes. */
    private int posted;

    private FanOut(Path jar, Path benchJar, Path work) {
        this.jar = jar;
        this.benchJar = benchJar;
        this.work = work;
    }

    private enum Target { BALLAST, BARE }

    /** One target at one N: medians over the trials, and the server's memory per stream. */
    private record Row(Target target, int n, int connected, double p50, double p99, double max, double heapKb,
                       double rssKb, String cap) {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args.length > 0 ? args[0] : "server/target/ballast-server.jar");
        int[] ns = Arrays.stream((args.length > 1 ? args[1] : "1000,5000,10000").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        Path work = Files.createTempDirectory("ballast-fanout");
        // Either jar may be rebuilt by someone else while we run: the servers and clients start copies taken now.
        Path jar = Files.copy(source, work.resolve("ballast-server.jar"), StandardCopyOption.REPLACE_EXISTING);
        Path benchJar = Files.copy(Path.of(FanOut.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                work.resolve("benchmarks.jar"), StandardCopyOption.REPLACE_EXISTING);
        FanOut bench = new FanOut(jar, benchJar, work);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::killAll));
        System.out.println("fan-out benchmark, N = " + Arrays.toString(ns) + ", logs in " + work);
        List<Row> rows = new ArrayList<>();
        for (int n : ns) {
            rows.add(bench.measure(Target.BALLAST, n, n >= STREAM_CAP));
            rows.add(bench.measure(Target.BARE, n, false));
        }
        table(rows);
        System.exit(0);
    }

    private Row measure(Target target, int n, boolean beyondCap) throws Exception {
        String label = (target == Target.BALLAST ? "ballast" : "bare") + " N=" + n;
        Launch launch = target == Target.BARE
                ? Launch.bench(benchJar, SERVER_JVM, BareBroadcaster.class, eventFile.toString())
                : Launch.ballast(jar, Files.createTempDirectory(work, "ballast-data"), SERVER_JVM, "");
        int port = launch.port();
        Process server = start(launch.command(), work.resolve(label.replace(' ', '-') + "-server.log"));
        Process client = null;
        try {
            launch.waitReady(http);
            if (target == Target.BALLAST && eventFile == null) {
                writeEventFile(port);
            }
            // Warm the trigger path (for Ballast: ingest, rescoring, publishing) before anything is measured, so that
            // the trials time a running server rather than its first JIT compilations.
            for (int i = 0; i < WARM_UP_TRIGGERS; i++) {
                trigger(target, port);
                Thread.sleep(30);
            }
            long heapBefore = heapKb(server.pid());
            long rssBefore = rssKb(server.pid());

            client = start(List.of(Launch.java(), "-Xmx2g", "-cp", benchJar.toString(), FanOutClient.class.getName(),
                    "127.0.0.1", Integer.toString(port), streamPath(target), Integer.toString(n),
                    Integer.toString(SOURCES)), null);
            Lines lines = new Lines(client, work.resolve(label.replace(' ', '-') + "-client.log"), label);
            long t0 = System.nanoTime();
            int[] ready = lines.expectInts("ready", 300);
            System.out.printf(Locale.ROOT, "%s: %d streams open %.1f s after the client started (503: %d, "
                    + "other failures: %d)%n", label, ready[0], (System.nanoTime() - t0) / 1e9, ready[1], ready[2]);
            if (ready[0] == 0) {
                throw new IllegalStateException(label + ": no stream connected");
            }
            double heapPerStream = (double) (heapKb(server.pid()) - heapBefore) / ready[0];
            double rssPerStream = (double) (rssKb(server.pid()) - rssBefore) / ready[0];

            for (int w = 0; w < WARM_UP_TRIALS; w++) { // the write path to N streams, warmed likewise; not counted
                lines.send("ack " + trigger(target, port));
                lines.expectInts("result", 60);
                Thread.sleep(1_000);
            }
            double[][] trials = new double[3][TRIALS];
            for (int t = 0; t < TRIALS; t++) {
                lines.send("ack " + trigger(target, port));
                int[] received = lines.expectInts("result", 60);
                double[] ms = lines.lastDoubles();
                if (received[0] == 0) {
                    throw new IllegalStateException(label + ": no stream received trial " + (t + 1) + "'s event");
                }
                System.out.printf(Locale.ROOT, "  trial %d: %d of %d received, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        t + 1, received[0], ready[0], ms[1], ms[2], ms[3]);
                for (int k = 0; k < 3; k++) {
                    trials[k][t] = ms[k + 1];
                }
                Thread.sleep(1_000);
            }

            String cap = beyondCap ? beyondCap(lines, port) : "not checked (N below the cap)";
            lines.send("quit");
            client.waitFor(60, TimeUnit.SECONDS);
            return new Row(target, n, ready[0], Launch.median(trials[0]), Launch.median(trials[1]), Launch.median(trials[2]),
                    heapPerStream, rssPerStream, target == Target.BARE ? "-" : cap);
        } finally {
            stop(client);
            stop(server);
        }
    }

    /**
     * At the cap, more streams must be refused with 503 (not accepted, not left hanging), and everything that is not a
     * stream must still be served: the cap protects the process's open files, not its API.
     */
    private String beyondCap(Lines lines, int port) throws Exception {
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

    /**
     * Makes the server send one event to every stream; answers the nanoTime at which its answer had been read. The
     * request goes over a plain blocking socket read on this thread: java.net.http hands a response over from its
     * selector thread to an executor and then to us, and on two busy cores each hand-over can wait tens of ms, which
     * would shorten every measured delay by as much.
     */
    private long trigger(Target target, int port) throws IOException {
        if (target == Target.BARE) {
            Answer a = exchange(port, "/publish", "{}", "");
            check(a.status() == 200, "publish answered " + a.status());
            return a.at();
        }
        // FDI inflow 0.5-3.45 % of GDP, a new value each time (well inside the indicator's goalposts, so every post
        // moves the score)
        double value = 0.5 + 0.05 * (posted++ % 60);
        String body = "{\"observations\":[{\"region\":\"CHN\",\"series\":\"BX.KLT.DINV.WD.GD.ZS\",\"period\":2024,"
                + "\"value\":" + value + "}]}";
        Answer a = exchange(port, "/api/v1/observations", body, "Authorization: Bearer " + Launch.TOKEN + "\r\n");
        check(a.status() == 200, "ingest answered " + a.status() + ": " + a.body());
        Matcher changed = CHANGED.matcher(a.body());
        check(changed.find() && Integer.parseInt(changed.group(1)) > 0, "ingest changed nothing: " + a.body());
        return a.at();
    }

    /** A response, and the nanoTime at which its last byte had been read. */
    private record Answer(int status, String body, long at) {
    }

    /** POSTs JSON over HTTP/1.1 on a new connection and reads the answer, which must carry a Content-Length. */
    private static Answer exchange(int port, String path, String json, String headers) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Content-Type: application/json\r\n" + headers + "Content-Length: " + body.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            String status = line(in);
            int length = -1;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring(15).trim());
                }
            }
            check(length >= 0, "answer without Content-Length: " + status);
            byte[] answer = new byte[length];
            in.readFully(answer);
            long at = System.nanoTime();
            return new Answer(Integer.parseInt(status.split(" ")[1]), new String(answer, StandardCharsets.UTF_8), at);
        }
    }

    /** One header line, without its CRLF. */
    private static String line(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            check(c >= 0, "connection closed in the middle of an answer");
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** The baseline's event is Ballast's own document for China, framed as Ballast frames it: the same size. */
    private void writeEventFile(int port) throws Exception {
        HttpResponse<String> r = http.send(get(port, "/api/v1/scores/latest?region=CHN"),
                HttpResponse.BodyHandlers.ofString());
        check(r.statusCode() == 200 && !r.body().contains("\n"), "latest answered " + r.statusCode());
        eventFile = work.resolve("event.txt");
        Files.writeString(eventFile, "id: 1\nevent: score\ndata: " + r.body() + "\n\n");
        System.out.println("event: " + Files.size(eventFile) + " bytes per frame");
    }

    private static String streamPath(Target target) {
        return target == Target.BALLAST ? "/api/v1/stream?region=CHN" : "/stream?region=CHN";
    }

    /** Heap in use after a full collection, from {@code jcmd}: what the live objects take, not garbage. */
    private static long heapKb(long pid) throws Exception {
        jcmd(pid, "GC.run");
        for (String line : jcmd(pid, "GC.heap_info").split("\n")) {
            Matcher m = HEAP_USED.matcher(line);
            if (line.contains("heap") && m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new IllegalStateException("no heap line in jcmd GC.heap_info of " + pid);
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        check(p.waitFor() == 0, "jcmd " + command + " failed: " + out);
        return out;
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    private static void table(List<Row> rows) {
        System.out.println();
        System.out.println("delivery: from the trigger's acknowledgement to each stream's event, ms, median of "
                + TRIALS + " trials; memory: server heap (after GC) and RSS per stream, KB");
        System.out.printf("%7s  %-22s  %-22s  %9s  %-17s  %-17s  %s%n", "N", "ballast p50/p99/max", "bare p50/p99/max",
                "p99 ratio", "heap KB ball/bare", "RSS KB ball/bare", "beyond the cap");
        for (int i = 0; i + 1 < rows.size(); i += 2) {
            Row b = rows.get(i);
            Row r = rows.get(i + 1);
            System.out.printf(Locale.ROOT, "%7d  %-22s  %-22s  %9.2f  %-17s  %-17s  %s%n", b.n(), triple(b), triple(r),
                    b.p99() / r.p99(), String.format(Locale.ROOT, "%.1f / %.1f", b.heapKb(), r.heapKb()),
                    String.format(Locale.ROOT, "%.1f / %.1f", b.rssKb(), r.rssKb()), b.cap());
            if (b.connected() != b.n() || r.connected() != r.n()) {
                System.out.println("         (connected: ballast " + b.connected() + ", bare " + r.connected() + ")");
            }
        }
    }

    private static String triple(Row r) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", r.p50(), r.p99(), r.max());
    }

    private static HttpRequest get(int port, String path) {
        // a time limit: a request a server never answers must not stall the whole run (see Launch.waitReady)
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(java.time.Duration.ofSeconds(5)).build();
    }

    /** Starts a process; its output goes to {@code log}, or stays readable by the caller when {@code log} is null. */
    private Process start(List<String> command, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (log != null) {
            pb.redirectOutput(log.toFile());
        }
        Process p = pb.start();
        synchronized (running) {
            running.add(p);
        }
        return p;
    }

    private void stop(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        Launch.stop(p);
        synchronized (running) {
            running.remove(p);
        }
    }

    private void killAll() {
        synchronized (running) {
            running.forEach(Process::destroyForcibly);
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    /**
     * The client's side of the protocol. Its stdout also carries its logging (the server jar's logback writes to the
     * console), so a reader thread keeps the protocol's lines and files everything else in a log.
     */
    private static final class Lines {
        private static final String EOF = "\u0000eof";
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private final PrintWriter stdin;
        private final String label;
        private String[] last;

        Lines(Process client, Path log, String label) throws IOException {
            this.stdin = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
            this.label = label;
            Writer logWriter = Files.newBufferedWriter(log);
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.UTF_8)); logWriter) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.matches("(ready|result|extra|note) .*")) {
                            queue.add(line);
                        } else {
                            logWriter.write(line + "\n");
                        }
                    }
                } catch (IOException e) {
                    // the client is gone; EOF below tells the waiting side
                }
                queue.add(EOF);
            }, "fan-out client reader");
            reader.setDaemon(true);
            reader.start();
        }

        void send(String line) {
            stdin.println(line);
        }

        /** Waits for the line starting with {@code word}, printing notes on the way; answers its integer fields. */
        int[] expectInts(String word, long timeoutSeconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (true) {
                String line = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.equals(EOF)) {
                    throw new IllegalStateException(label + ": client " + (line == null ? "silent" : "exited")
                            + " while we waited for '" + word + "'");
                }
                if (line.startsWith("note ")) {
                    System.out.println("  " + label + " client: " + line.substring(5));
                } else if (line.startsWith(word + " ")) {
                    last = line.split(" ");
                    return Arrays.stream(last).skip(1).filter(s -> s.matches("\\d+")).mapToInt(Integer::parseInt)
                            .toArray();
                }
            }
        }

        /** The numeric fields of the last expected line, as written: the count first. */
        double[] lastDoubles() {
            return Arrays.stream(last).skip(1).mapToDouble(Double::parseDouble).toArray();
        }
    }
}
