package io.ballast.server.http;

import java.util.Map;

/** A client-facing error, rendered as {@code application/problem+json} (RFC 9457) by {@link ProblemHandler}. */
public final class Problem extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, Object> extensions;

    public Problem(int status, String title, String detail, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.title = title;
        this.extensions = Map.copyOf(extensions);
    }

    static Problem badRequest(String detail) {
        return new Problem(400, "Bad request", detail, Map.of());
    }

    static Problem notFound(String detail) {
        return new Problem(404, "Not found", detail, Map.of());
    }

    static Problem unauthorized(String detail) {
        return new Problem(401, "Unauthorized", detail, Map.of());
    }

    static Problem forbidden(String detail) {
        return new Problem(403, "Forbidden", detail, Map.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
