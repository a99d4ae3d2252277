package io.ballast.bench;

import io.ballast.bench.SseStream.Outcome;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The SSE clients of the fan-out benchmark, in their own JVM so that their work is not charged to the server's heap.
 * {@code java -cp benchmarks.jar io.ballast.bench.FanOutClient HOST PORT PATH N SOURCES} opens N streams spread over
 * SOURCES source addresses 127.0.0.1.. (one port range each, so tens of thousands of connections over repeated runs
 * do not run out of ephemeral ports), prints {@code ready <connected> <503s> <other>}, then answers the harness on
 * stdin: {@code ack <nanoTime>} &rarr; {@code result <received> <p50 ms> <p99 ms> <max ms>} once every stream has its
 * next event (or after 30 s); {@code extra M} &rarr; {@code extra <ok> <503s> <other>}; {@code quit}.
 *
 * <p>Delays are a receipt's {@code System.nanoTime()} here minus the harness's {@code System.nanoTime()} when it read
 * the acknowledgement. Both are CLOCK_MONOTONIC on Linux, one clock for every process of the host, so the two JVMs'
 * readings can be subtracted. A stream that gets its event before the harness has read its answer has a negative
 * delay, reported as it is.
 */
public final class FanOutClient {

    /** Streams opened at once before waiting for all of them: keeps the server's accept backlog from overflowing. */
    private static final int WAVE = 500;
    private static final long WAVE_TIMEOUT_SECONDS = 60;
    private static final long RESULT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final String host;
    private final int port;
    private final String path;
    private final Vertx vertx = Vertx.vertx();
    private final List<HttpClient> clients = new ArrayList<>();
    private final List<SseStream> streams = new ArrayList<>();
    private int opened;
    private int trials;
    /** Why the first stream that failed other than by a 503 did, to say so once. */
    private volatile String firstFailure;

    private FanOutClient(String host, int port, String path, int n, int sources) {
        this.host = host;
        this.port = port;
        this.path = path;
        for (int k = 1; k <= sources; k++) {
            // Room for every stream of this source plus extras: a stream holds its pooled connection forever.
            clients.add(vertx.createHttpClient(new HttpClientOptions().setLocalAddress("127.0.0." + k),
                    new PoolOptions().setHttp1MaxSize(n / sources + 1_000)));
        }
    }

    public static void main(String[] args) throws Exception {
        FanOutClient client = new FanOutClient(args[0], Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]),
                Integer.parseInt(args[4]));
        int[] counts = client.open(Integer.parseInt(args[3]));
        say("ready " + counts[0] + " " + counts[1] + " " + counts[2]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
            String[] words = line.trim().split(" ");
            if (words[0].equals("ack")) {
                client.result(Long.parseLong(words[1]));
            } else if (words[0].equals("extra")) {
                counts = client.open(Integer.parseInt(words[1]));
                say("extra " + counts[0] + " " + counts[1] + " " + counts[2]);
            }
        }
        client.vertx.close().await();
        System.exit(0);
    }

    /** Opens m more streams in waves; answers how many connected, were refused with 503, and failed otherwise. */
    private int[] open(int m) throws InterruptedException {
        int[] counts = new int[3];
        for (int done = 0; done < m; ) {
            int wave = Math.min(WAVE, m - done);
            CountDownLatch settled = new CountDownLatch(wave);
            List<SseStream> batch = new ArrayList<>();
            for (int i = 0; i < wave; i++) {
                SseStream s = new SseStream(trials, settled);
                batch.add(s);
                connect(clients.get(opened++ % clients.size()), s);
            }
            if (!settled.await(WAVE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                say("note wave timed out with " + settled.getCount() + " of " + wave + " streams unsettled");
            }
            for (SseStream s : batch) {
                Outcome o = s.outcome;
                counts[o == null ? 2 : o.ordinal()]++;
                if (o == Outcome.CONNECTED) {
                    streams.add(s);
                }
            }
            done += wave;
        }
        if (counts[2] > 0) {
            say("note " + counts[2] + " streams failed, the first with " + firstFailure);
        }
        return counts;
    }

    private void connect(HttpClient client, SseStream s) {
        client.request(new RequestOptions().setHost(host).setPort(port).setURI(path)
                        .putHeader("Accept", "text/event-stream"))
                .compose(HttpClientRequest::send)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        firstFailure = firstFailure == null ? ar.cause().toString() : firstFailure;
                        s.settle(Outcome.OTHER);
                        return;
                    }
                    var response = ar.result();
                    if (response.statusCode() != 200) {
                        if (response.statusCode() != 503 && firstFailure == null) {
                            firstFailure = "status " + response.statusCode();
                        }
                        // read the problem document so the connection goes back to the pool in a clean state
                        response.body().onComplete(b -> s.settle(response.statusCode() == 503 ? Outcome.REFUSED
                                : Outcome.OTHER));
                        return;
                    }
                    response.handler(s::feed);
                    response.exceptionHandler(e -> s.close());
                    response.endHandler(v -> s.close());
                });
    }

    /** Waits for every stream's event of the next trial and prints the delays' summary. */
    private void result(long ack) throws InterruptedException {
        trials++;
        long deadline = System.nanoTime() + RESULT_TIMEOUT_NANOS;
        int pending = 0;
        while (pending < streams.size() && System.nanoTime() < deadline) {
            SseStream s = streams.get(pending);
            if (s.closed || s.count > trials - s.firstTrial) {
                pending++;
            } else {
                Thread.sleep(1);
            }
        }
        long[] delays = new long[streams.size()];
        int received = 0;
        int closed = 0;
        int surplus = 0;
        for (SseStream s : streams) {
            int index = trials - s.firstTrial; // the snapshot is event 0, the first trial's event 1, ...
            int count = s.count; // read before receipts: its volatile write published them
            if (count > index) {
                delays[received++] = s.receipts[index] - ack;
            }
            closed += s.closed ? 1 : 0;
            surplus += count > index + 1 ? 1 : 0;
        }
        if (closed > 0 || surplus > 0) {
            say("note " + closed + " streams closed, " + surplus + " streams ahead by more than one event");
        }
        long[] sorted = Arrays.copyOf(delays, received);
        Arrays.sort(sorted);
        int negative = 0;
        while (negative < sorted.length && sorted[negative] < 0) {
            negative++;
        }
        if (negative > 0) {
            say("note " + negative + " streams received the event before the harness had read the answer");
        }
        say(String.format(Locale.ROOT, "result %d %.1f %.1f %.1f", received, Stats.percentileMs(sorted, 0.50),
                Stats.percentileMs(sorted, 0.99), Stats.percentileMs(sorted, 1.0)));
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
