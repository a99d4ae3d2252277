package io.ballast.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load client of the reads part: GETs of one path over 64 keep-alive connections (a Vert.x client, each connection
 * sending its next request as soon as the last is answered), for 10 s after 3 s of warm-up.
 */
final class ReadLoad {

    private static final int CONNECTIONS = 64;

    private ReadLoad() {
    }

    /** Requests per second and p99 latency (ms) of GETs over 64 keep-alive connections for 10 s (after 3 s warm-up). */
    static double[] load(int port, String path) throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(CONNECTIONS));
        try {
            run(client, port, path, 3_000, new ArrayList<>());
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            long count = run(client, port, path, 10_000, latencies);
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return new double[] {count / 10.0, Stats.percentileMs(sorted, 0.99)};
        } finally {
            vertx.close().await();
        }
    }

    /** Keeps every connection busy for {@code millis}; answers how many requests succeeded. */
    private static long run(HttpClient client, int port, String path, long millis, List<Long> latencies)
            throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(CONNECTIONS);
        for (int i = 0; i < CONNECTIONS; i++) {
            loop(client, port, path, end, done, latencies, finished);
        }
        finished.await();
        return done.get();
    }

    private static void loop(HttpClient client, int port, String path, long end, AtomicLong done, List<Long> lat,
                             CountDownLatch finished) {
        if (System.nanoTime() >= end) {
            finished.countDown();
            return;
        }
        long t0 = System.nanoTime();
        client.request(HttpMethod.GET, port, "127.0.0.1", path)
                .compose(req -> req.send().compose(resp -> resp.body()))
                .onComplete(r -> {
                    if (r.succeeded()) {
                        done.incrementAndGet();
                        lat.add(System.nanoTime() - t0);
                    }
                    loop(client, port, path, end, done, lat, finished);
                });
    }
}
