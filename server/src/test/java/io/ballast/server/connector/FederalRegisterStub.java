package io.ballast.server.connector;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for the Federal Register API on 127.0.0.1: answers {@code /api/v1/documents.json} by the query's
 * publication-date range and page with scripted replies (fixtures from {@code src/test/resources/federalregister/},
 * an HTTP status), and {@code /documents/full_text/...} with scripted texts. The last reply of a script repeats; an
 * unscripted range gets no results. {@code {base}} in a fixture becomes this server's address.
 */
public final class FederalRegisterStub implements AutoCloseable {

    /** One scripted answer. */
    public record Reply(int status, String contentType, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private FederalRegisterStub(Vertx vertx) {
        this.server = vertx.createHttpServer().requestHandler(this::answer);
    }

    /** Starts on a free loopback port. */
    public static FederalRegisterStub start(Vertx vertx) {
        FederalRegisterStub stub = new FederalRegisterStub(vertx);
        stub.server.listen(0, "127.0.0.1").await();
        return stub;
    }

    /** The base URL to configure as connectors.federalregister.base-url. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Scripts the replies to one page of the range {@code gte} to {@code lte} (null: open), in order. */
    public FederalRegisterStub on(String gte, String lte, int page, Reply... replies) {
        scripts.put(gte + "|" + (lte == null ? "" : lte) + "|" + page, new ArrayDeque<>(List.of(replies)));
        return this;
    }

    /** Scripts the replies to one page of any range not scripted on its own. */
    public FederalRegisterStub onEvery(int page, Reply... replies) {
        scripts.put("*|*|" + page, new ArrayDeque<>(List.of(replies)));
        return this;
    }

    /** Scripts the text served at a path under /documents/full_text/. */
    public FederalRegisterStub text(String path, Reply... replies) {
        scripts.put(path, new ArrayDeque<>(List.of(replies)));
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

    /** A 200 JSON answer with a fixture file. */
    public static Reply fixture(String name) {
        return new Reply(200, "application/json; charset=utf-8", resource(name));
    }

    /** A 200 text answer with a fixture file. */
    public static Reply textFixture(String name) {
        return new Reply(200, "text/html; charset=utf-8", resource(name));
    }

    /** An HTTP status with a fixture as its body. */
    public static Reply status(int status, String name) {
        return new Reply(status, name.endsWith(".json") ? "application/json" : "text/html", resource(name));
    }

    /** Reads a fixture from {@code src/test/resources/federalregister/}. */
    public static String resource(String name) {
        try (InputStream in = FederalRegisterStub.class.getClassLoader()
                .getResourceAsStream("federalregister/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture federalregister/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(HttpServerRequest request) {
        requests.add(request.uri());
        String key;
        Reply fallback;
        if (request.path().equals("/api/v1/documents.json")) {
            key = request.getParam("conditions[publication_date][gte]", "") + "|"
                    + request.getParam("conditions[publication_date][lte]", "") + "|" + request.getParam("page", "1");
            fallback = fixture("empty.json");
        } else {
            key = request.path();
            fallback = new Reply(404, "text/html", "<html><body>Not found</body></html>");
        }
        Deque<Reply> script = scripts.get(key);
        if (script == null && key.contains("|")) {
            script = scripts.get("*|*|" + request.getParam("page", "1"));
        }
        Reply reply = fallback;
        if (script != null) {
            synchronized (script) {
                reply = script.size() > 1 ? script.poll() : script.peek();
            }
        }
        request.response().setStatusCode(reply.status()).putHeader("Content-Type", reply.contentType())
                .end(reply.body().replace("{base}", baseUrl()));
    }

    @Override
    public void close() {
        server.close().await();
    }
}
