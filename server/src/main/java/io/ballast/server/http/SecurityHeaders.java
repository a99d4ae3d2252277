package io.ballast.server.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** The headers every answer carries, whichever layer writes it: no sniffing, no referrer, a strict content policy. */
final class SecurityHeaders {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    // Header names and values built once: Vert.x then skips validating and encoding them on every response.
    private static final CharSequence NOSNIFF_NAME = HttpHeaders.createOptimized("X-Content-Type-Options");
    private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    private static final CharSequence REFERRER_NAME = HttpHeaders.createOptimized("Referrer-Policy");
    private static final CharSequence NO_REFERRER = HttpHeaders.createOptimized("no-referrer");
    static final CharSequence CSP_NAME = HttpHeaders.createOptimized("Content-Security-Policy");
    private static final CharSequence CSP_VALUE = HttpHeaders.createOptimized(CSP);

    private SecurityHeaders() {
    }

    /** Puts the headers on {@code response}, replacing any of the same name. */
    static void apply(HttpServerResponse response) {
        response.putHeader(NOSNIFF_NAME, NOSNIFF)
                .putHeader(REFERRER_NAME, NO_REFERRER)
                .putHeader(CSP_NAME, CSP_VALUE);
    }
}
