package io.ballast.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.ingest.InvalidBatchException;
import io.ballast.server.store.EventConflictException;
import io.ballast.server.stream.StreamsExhaustedException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that maps failures to HTTP: every error leaves as {@code application/problem+json} with a detail a
 * person can act on. Unexpected exceptions are logged with an id and answered 500 without internals.
 */
final class ProblemHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

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
        if (failure instanceof StreamsExhaustedException e) {
            ctx.response().putHeader("Retry-After", "5");
            return new Problem(503, "Service Unavailable", "This server holds its limit of live streams (" + e.open()
                    + "); retry in a few seconds or connect to another node.", Map.of());
        }
        if (failure instanceof HttpException e && e.getStatusCode() < 500) {
            return fromStatus(e.getStatusCode());
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

    private void send(RoutingContext ctx, Problem problem) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        // with type about:blank, RFC 9457 asks for the status phrase as the title; the detail says the rest
        body.put("title", HttpResponseStatus.valueOf(problem.status()).reasonPhrase());
        body.put("status", problem.status());
        body.put("detail", problem.getMessage());
        body.put("instance", ctx.request().path());
        body.putAll(problem.extensions());
        if (problem.status() == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"ballast\"");
        }
        try {
            ctx.response().setStatusCode(problem.status())
                    .putHeader("Content-Type", "application/problem+json")
                    .end(io.vertx.core.buffer.Buffer.buffer(json.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            ctx.response().setStatusCode(500).end();
        }
    }
}
