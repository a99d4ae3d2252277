package io.ballast.server.stream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A minimal Server-Sent Events client over the JDK's HTTP client, for tests: parses frames into events. */
public final class SseClient implements AutoCloseable {

    /** One received event. */
    public record Event(String id, String event, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final StringBuilder data = new StringBuilder();
    private String id;
    private String name;

    public SseClient(HttpClient client, URI uri, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> r.body().forEach(this::line));
    }

    public int status() throws Exception {
        return response.get(5, TimeUnit.SECONDS).statusCode();
    }

    String contentType() throws Exception {
        return response.get(5, TimeUnit.SECONDS).headers().firstValue("Content-Type").orElse("");
    }

    private synchronized void line(String line) {
        if (line.isEmpty()) {
            if (name != null || data.length() > 0) {
                events.add(new Event(id, name == null ? "message" : name, data.toString()));
            }
            data.setLength(0);
            name = null;
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1).stripLeading();
        switch (field) {
            case "id" -> id = value;
            case "event" -> name = value;
            case "data" -> data.append(data.length() > 0 ? "\n" : "").append(value);
            default -> { }
        }
    }

    /** The next event, or null when none arrives in time. */
    public Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        response.cancel(true);
        response.thenAccept(r -> r.body().close());
    }
}
