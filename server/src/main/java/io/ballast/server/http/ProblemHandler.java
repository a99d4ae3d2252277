package io.ballast.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.ingest.InvalidBatchException;
import io.ballast.server.store.DatabaseUnavailableException;
import io.ballast.server.store.EventConflictException;
import io.ballast.server.stream.StreamsExhaustedException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that maps failures to HTTP: every error leaves as {@code application/problem+json} with a detail a
 * person can act on and the security headers, whether the router failed it or the layer below the router refused it
 * ({@link #refuse}). Unexpected exceptions are logged with an id and answered 500 without internals; a request whose
 * body could not be read (a malformed chunk, a connection lost mid-body) is the client's fault and logged as such.
 */
final class ProblemHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("ballast.access");

    private final ObjectMapper json;

    ProblemHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        Problem problem = failure == null ? fromStatus(ctx.statusCode()) : fromFailure(ctx, failure);
        send(ctx, problem);
    }

    private Problem fromFailure(RoutingContext ctx, Throwable failure) {
        if (failure instanceof Problem p) {
            return p;
        }
        if (failure instanceof InvalidBatchException e) {
            return e.malformed()
                    ? new Problem(400, "Malformed request body", e.getMessage(), Map.of())
                    : new Problem(422, "Unprocessable content", e.getMessage(), Map.of("errors", e.errors()));
        }
        if (failure instanceof EventConflictException e) {
            return new Problem(409, "Conflict", e.getMessage() + "; nothing was stored. Correct an event with PATCH "
                    + "/api/v1/events/{id}, or give the new one another id.", Map.of("errors", e.keys().stream()
                    .map(k -> "id: '" + k + "' exists already").toList()));
        }
        if (failure instanceof io.ballast.server.score.ScenarioService.BusyException) {
            ctx.response().putHeader("Retry-After", "2");
            return new Problem(503, "Service Unavailable", "This server is evaluating as many scenarios as it queues; "
                    + "retry in a few seconds.", Map.of());
        }
        if (causedBy(failure, DatabaseUnavailableException.class)) {
            ctx.response().putHeader("Retry-After", "5");
            return new Problem(503, "Service Unavailable", "The database cannot be reached; nothing was stored. Retry "
                    + "in a few seconds: /health/ready says when this server is ready again.", Map.of());
        }
        if (failure instanceof StreamsExhaustedException e) {
            ctx.response().putHeader("Retry-After", "5");
            return new Problem(503, "Service Unavailable", "This server holds its limit of live streams (" + e.open()
                    + "); retry in a few seconds or connect to another node.", Map.of());
        }
        if (failure instanceof HttpException e && e.getStatusCode() < 500) {
            return fromStatus(e.getStatusCode());
        }
        if (!ctx.request().isEnded() && (ctx.response().closed() || fromDecoder(failure))) {
            // the request broke off before its end: a malformed chunk (the HTTP layer then closes the connection, as
            // the body's framing is lost) or a client gone mid-body; answered 400 while the connection still is there
            ACCESS.info("{} {} refused: its body could not be read ({})", ctx.request().method(),
                    ctx.request().path(), failure.getMessage());
            return Problem.badRequest("The request body could not be read: malformed chunked encoding or a body "
                    + "cut short.");
        }
        String id = ctx.get(RequestLog.KEY) == null ? UUID.randomUUID().toString() : ctx.get(RequestLog.KEY);
        RequestLog.withId(id, () -> LOG.error("Unexpected failure on {} {}", ctx.request().method(),
                ctx.request().path(), failure));
        return new Problem(500, "Internal error", "The server failed to answer; the failure is logged under request "
                + "id " + id + ".", Map.of("requestId", id));
    }

    private static Problem fromStatus(int status) {
        return switch (status) {
            case 404 -> Problem.notFound("There is nothing at this path; the API lives under /api/v1 (see docs/api.md).");
            case 405 -> new Problem(405, "Method not allowed", "This path does not accept this method; see docs/api.md.",
                    Map.of());
            case 413 -> new Problem(413, "Request body too large", "The request body exceeds the limit; send "
                    + "fewer observations per request.", Map.of());
            case 415 -> new Problem(415, "Unsupported media type", "Send the body as application/json.", Map.of());
            case 400 -> Problem.badRequest("The request could not be read.");
            default -> status >= 400 && status < 500
                    ? new Problem(status, "Client error", "The request was refused (HTTP " + status + ").", Map.of())
                    : new Problem(500, "Internal error", "The server failed to answer.", Map.of());
        };
    }

    /**
     * Answers a request refused below the router (malformed HTTP, a line or headers too long, no Host, a broken
     * {@code %} escape) and closes its connection: what follows on it cannot be trusted to be a request.
     */
    void refuse(HttpServerRequest request, Problem problem) {
        HttpServerResponse response = request.response();
        if (response.closed() || response.ended() || response.headWritten()) {
            request.connection().close();
            return;
        }
        ACCESS.info("{} {} refused before routing: {} {}", request.method(), safePath(request), problem.status(),
                problem.getMessage());
        response.putHeader("Connection", "close");
        SecurityHeaders.apply(response);
        // closed once the request has ended too: closing before would leave the request counted as active for good
        write(response, problem, safePath(request)).onComplete(written -> {
            if (request.isEnded()) {
                request.connection().close();
            } else {
                request.end().onComplete(ended -> request.connection().close());
            }
        });
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Whether Netty's HTTP decoder threw this: the request's bytes are at fault, not a handler. */
    private static boolean fromDecoder(Throwable failure) {
        StackTraceElement[] stack = failure.getStackTrace();
        return failure instanceof io.netty.handler.codec.DecoderException
                || stack.length > 0 && stack[0].getClassName().startsWith("io.netty.handler.codec.http.");
    }

    /** The problem of a request the HTTP decoder could not read: a line too long, headers too large, or garbage. */
    static Problem undecodable(HttpServerRequest request) {
        Throwable cause = request.decoderResult() == null ? null : request.decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
            return new Problem(414, "URI too long", "The request line is too long; shorten the path and query.",
                    Map.of());
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new Problem(431, "Request header fields too large", "The request headers are too large; send "
                    + "fewer or shorter headers.", Map.of());
        }
        return Problem.badRequest("The request is not valid HTTP/1.1.");
    }

    /** The path when it can be read (a request refused for a broken path has none worth echoing). */
    private static String safePath(HttpServerRequest request) {
        try {
            String path = request.path();
            return path == null || path.length() > 256 ? "(unreadable)" : path;
        } catch (RuntimeException e) {
            return "(unreadable)";
        }
    }

    private void send(RoutingContext ctx, Problem problem) {
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            return; // the connection is gone: nobody to answer
        }
        if (response.ended() || response.headWritten()) {
            ctx.request().connection().close(); // part of an answer is out: only closing tells the client it failed
            return;
        }
        SecurityHeaders.apply(response);
        write(response, problem, ctx.request().path());
    }

    private io.vertx.core.Future<Void> write(HttpServerResponse response, Problem problem, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        // with type about:blank, RFC 9457 asks for the status phrase as the title; the detail says the rest
        body.put("title", HttpResponseStatus.valueOf(problem.status()).reasonPhrase());
        body.put("status", problem.status());
        body.put("detail", problem.getMessage());
        body.put("instance", instance);
        body.putAll(problem.extensions());
        if (problem.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"ballast\"");
        }
        try {
            return response.setStatusCode(problem.status())
                    .putHeader("Content-Type", "application/problem+json")
                    .end(io.vertx.core.buffer.Buffer.buffer(json.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            return response.setStatusCode(500).end();
        }
    }
}
