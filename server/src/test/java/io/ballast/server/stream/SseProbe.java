package io.ballast.server.stream;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/** A public face of the test SSE client, for tests in other packages. */
public final class SseProbe implements AutoCloseable {

    private final SseClient client;

    public SseProbe(HttpClient http, URI uri) {
        this.client = new SseClient(http, uri, null);
    }

    /** One received event: its id, name and data. */
    public record Received(String id, String event, String data) {
    }

    /** The next event whole, or null when none arrives in time. */
    public Received nextEvent(Duration timeout) throws InterruptedException {
        SseClient.Event e = client.next(timeout);
        return e == null ? null : new Received(e.id(), e.event(), e.data());
    }

    /** The data of the next event, or null when none arrives in time. */
    public String next(Duration timeout) throws InterruptedException {
        SseClient.Event e = client.next(timeout);
        return e == null ? null : e.data();
    }

    /** The data of the first event containing {@code text} within the timeout, or null. */
    public String nextContaining(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String data = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (data != null && data.contains(text)) {
                return data;
            }
        }
        return null;
    }

    @Override
    public void close() {
        client.close();
    }
}
