package io.ballast.server.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.util.Optional;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>} of a token holding the route's role: 401
 * without a valid token, 403 with a valid one that lacks the role. A security-policy handler, so it runs before the
 * body is read: an unauthenticated client cannot make the server buffer a large body.
 */
final class BearerAuth implements SecurityPolicyHandler {

    private final Access access;
    private final String role;

    BearerAuth(Access access, String role) {
        this.access = access;
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
        Optional<Access.Grant> grant = access.check(header.substring(7).strip());
        if (grant.isEmpty()) {
            throw Problem.unauthorized("The bearer token is not valid.");
        }
        if (!grant.get().holds(role)) {
            throw Problem.forbidden("The token '" + grant.get().name() + "' is valid but lacks the " + role
                    + " role.");
        }
        ctx.next();
    }
}
