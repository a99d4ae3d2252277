package io.ballast.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import java.util.regex.Pattern;

/**
 * Where every request enters, before the router: requests the router cannot route (no {@code Host} on HTTP/1.1, a
 * broken {@code %} escape) and those the HTTP decoder refused (a line or headers too long, garbage) are answered here
 * with a problem, so that no layer answers with an empty body or a 500.
 */
final class FrontDoor implements Handler<HttpServerRequest> {

    /** A '%' not followed by two hex digits. */
    private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private final Router router;
    private final ConnectionGuard guard;
    private final ProblemHandler problems;

    FrontDoor(Router router, ConnectionGuard guard, ProblemHandler problems) {
        this.router = router;
        this.guard = guard;
        this.problems = problems;
    }

    @Override
    public void handle(HttpServerRequest request) {
        guard.begun(request.connection());
        if (request.version() == HttpVersion.HTTP_1_1 && blank(request.headers().get(HttpHeaders.HOST))) {
            problems.refuse(request, Problem.badRequest("An HTTP/1.1 request needs a Host header."));
        } else if (BROKEN_ESCAPE.matcher(request.uri()).find()) {
            problems.refuse(request, Problem.badRequest("The path or query holds a '%' that is not followed by two "
                    + "hex digits; write a literal '%' as %25."));
        } else {
            router.handle(request);
        }
    }

    /** A request the HTTP decoder could not read. */
    void invalid(HttpServerRequest request) {
        guard.begun(request.connection());
        problems.refuse(request, ProblemHandler.undecodable(request));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
