package io.ballast.server.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>} of a token holding the route's role.
 * Tokens are compared in constant time. A security-policy handler, so it runs before the body is read: an
 * unauthenticated client cannot make the server buffer a large body.
 */
final class BearerAuth implements SecurityPolicyHandler {

    /** A token and the roles it holds; the admin role holds every role. */
    record Token(byte[] secret, List<String> roles) {
        boolean matches(String presented) {
            return MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
        }

        boolean holds(String role) {
            return roles.contains("admin") || roles.contains(role);
        }
    }

    private final List<Token> tokens;
    private final String role;

    BearerAuth(List<Token> tokens, String role) {
        this.tokens = List.copyOf(tokens);
        this.role = role;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || header.isBlank()) {
            throw Problem.unauthorized("This endpoint needs a bearer token with the " + role + " role: send "
                    + "'Authorization: Bearer <token>'.");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw Problem.unauthorized("The Authorization header must be 'Bearer <token>'.");
        }
        String presented = header.substring(7).strip();
        Token match = null;
        for (Token t : tokens) {
            if (t.matches(presented)) {
                match = t;
            }
        }
        if (match == null) {
            throw Problem.unauthorized("The bearer token is not valid.");
        }
        if (!match.holds(role)) {
            throw Problem.forbidden("The token is valid but lacks the " + role + " role.");
        }
        ctx.next();
    }
}
