package io.ballast.server.connector;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for the World Bank API v2 on 127.0.0.1: answers {@code /v2/country/{iso3}/indicator/{code}} with
 * scripted replies (fixtures from {@code src/test/resources/worldbank/}, an HTTP status, a delay), per region,
 * indicator and page. The last reply of a script repeats; unscripted requests get the API's error shape.
 */
public final class WorldBankStub implements AutoCloseable {

    private static final Pattern PATH = Pattern.compile("/v2/country/([A-Za-z]{3})/indicator/([^/?]+)");

    /** One scripted answer. */
    public record Reply(int status, String body, long delayMs) {
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private WorldBankStub(Vertx vertx) {
        this.vertx = vertx;
        this.server = vertx.createHttpServer().requestHandler(this::answer);
    }

    /** Starts on a free loopback port. */
    public static WorldBankStub start(Vertx vertx) {
        WorldBankStub stub = new WorldBankStub(vertx);
        stub.server.listen(0, "127.0.0.1").await();
        return stub;
    }

    /** The base URL to configure as connectors.worldbank.base-url. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Scripts the replies to one page of one series, in order; the last repeats. */
    public WorldBankStub on(String region, String indicator, int page, Reply... replies) {
        scripts.put(key(region, indicator, page), new ArrayDeque<>(List.of(replies)));
        return this;
    }

    /** Forgets every script and request. */
    public void reset() {
        scripts.clear();
        requests.clear();
    }

    /** Every request received, as path and query. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** A 200 answer with a fixture file. */
    public static Reply fixture(String name) {
        return new Reply(200, resource(name), 0);
    }

    /** A fixture answered only after a delay. */
    public static Reply slow(String name, long delayMs) {
        return new Reply(200, resource(name), delayMs);
    }

    /** A bare HTTP status. */
    public static Reply status(int status) {
        return new Reply(status, "<html><body>Service unavailable</body></html>", 0);
    }

    /** Reads a fixture from {@code src/test/resources/worldbank/}. */
    public static String resource(String name) {
        try (InputStream in = WorldBankStub.class.getClassLoader().getResourceAsStream("worldbank/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture worldbank/" + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(HttpServerRequest request) {
        requests.add(request.uri());
        Matcher m = PATH.matcher(request.path());
        String page = request.getParam("page", "1");
        Reply reply = null;
        if (m.matches() && "json".equals(request.getParam("format"))) {
            Deque<Reply> script = scripts.get(key(m.group(1).toUpperCase(), m.group(2), Integer.parseInt(page)));
            if (script != null) {
                synchronized (script) {
                    reply = script.size() > 1 ? script.poll() : script.peek();
                }
            }
        }
        Reply chosen = reply != null ? reply : new Reply(200, resource("error-invalid-value.json"), 0);
        Runnable send = () -> {
            if (!request.response().closed()) {
                request.response().setStatusCode(chosen.status())
                        .putHeader("Content-Type", "application/json;charset=utf-8").end(chosen.body());
            }
        };
        if (chosen.delayMs() > 0) {
            vertx.setTimer(chosen.delayMs(), id -> send.run());
        } else {
            send.run();
        }
    }

    private static String key(String region, String indicator, int page) {
        return region + "/" + indicator + "/" + page;
    }

    @Override
    public void close() {
        server.close().await();
    }
}
