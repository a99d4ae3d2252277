package io.ballast.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.Security;
import io.ballast.server.config.Startup;
import io.ballast.server.metrics.HttpMetrics;
import io.ballast.server.stream.StreamEndpoint;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every route of the server, in one place. Built once with the handlers and the security policy, it makes one router
 * per HTTP verticle ({@link #router}); the write rate limit and the handlers are shared by all of them.
 */
public final class ApiRouter {

    private static final String API = "/api/v1";

    /**
     * The handlers of the API's areas: those answered from memory (the catalogue, the scores, health, admin) and
     * those that need the database, which may still be opening ({@link Deferred}).
     */
    public record Handlers(CatalogHandlers catalog, ScoreHandlers scores, HealthHandlers health,
                           AdminHandlers admin, Deferred<Stored> stored) {
    }

    /** The handlers that read or write the database. */
    public record Stored(SeriesHandlers series, ObservationHandlers observations, EventHandlers events,
                         ScenarioHandlers scenarios) {
    }

    private final Handlers handlers;
    private final Supplier<BallastConfig.Reloadable> config;
    private final Security security;
    private final int maxBodyBytes;
    private final ObjectMapper json;
    private final PrometheusMeterRegistry registry;
    private final Access access;
    private final RateLimiter writes;
    private final ConnectionLimits connections;
    private final HttpMetrics metrics;

    public ApiRouter(Handlers handlers, Supplier<BallastConfig.Reloadable> config, Startup startup,
                     String adminToken, ObjectMapper json, PrometheusMeterRegistry registry) {
        this.handlers = handlers;
        this.config = config;
        this.security = startup.security();
        this.maxBodyBytes = startup.server().maxBodyBytes();
        this.json = json;
        this.registry = registry;
        this.metrics = new HttpMetrics(registry);
        this.access = Access.of(adminToken, security);
        this.writes = new RateLimiter(security.writesPerMinute());
        this.connections = new ConnectionLimits(startup.server().maxConnectionsPerAddress(),
                startup.server().headerTimeoutMs(), registry);
    }

    /**
     * Serves on {@code server} of one HTTP verticle: its connections guarded (per-address cap, header deadline),
     * every request through the {@link FrontDoor} to that verticle's router; {@code streams} is its stream endpoint.
     */
    public void attach(HttpServer server, Vertx vertx, StreamEndpoint streams) {
        ConnectionGuard guard = new ConnectionGuard(vertx, connections);
        ProblemHandler problems = new ProblemHandler(json);
        FrontDoor door = new FrontDoor(router(vertx, streams, guard, problems), guard, problems);
        server.connectionHandler(guard::connected).invalidRequestHandler(door::invalid).requestHandler(door);
    }

    private Router router(Vertx vertx, StreamEndpoint streams, ConnectionGuard guard, ProblemHandler problems) {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            HttpConnection connection = ctx.request().connection();
            ctx.addEndHandler(done -> guard.ended(connection));
            ctx.next();
        });
        router.route().handler(new RequestLog(metrics));
        router.route().handler(ApiRouter::securityHeaders);
        api(router, new StreamHandlers(streams, config));
        router.get("/health/live").handler(handlers.health()::live);
        router.get("/health/ready").handler(handlers.health()::ready);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
        dashboard(router);
        router.route().failureHandler(problems);
        router.errorHandler(404, problems);
        router.errorHandler(405, problems);
        router.errorHandler(413, problems);
        return router;
    }

    /**
     * The API's routes, on the main router under their full paths: a sub-router would route every request a second
     * time (docs/performance.md, reads).
     */
    private void api(Router router, StreamHandlers stream) {
        var ingestRole = new BearerAuth(access, "ingest");
        var adminRole = new BearerAuth(access, "admin");
        var body = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
        if (!security.corsOrigins().isEmpty()) {
            router.route(API + "/*").handler(CorsHandler.create().addOrigins(security.corsOrigins())
                    .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PATCH,
                            HttpMethod.DELETE))
                    .allowedHeaders(Set.of("Authorization", "Content-Type", "Last-Event-ID")));
        }
        if (security.protectReads()) {
            router.get(API + "/*").handler(new BearerAuth(access, "read"));
        }
        router.get(API + "/indicators").handler(handlers.catalog()::indicators);
        router.get(API + "/regions").handler(handlers.catalog()::regions);
        router.get(API + "/scores/latest").handler(handlers.scores()::latest);
        // answered from the panel, which the first recompute from the database fills (the latest documents may be
        // served before it, from a snapshot)
        router.get(API + "/scores/history").handler(stored(h -> handlers.scores()::history));
        router.get(API + "/scores/ranking").handler(stored(h -> handlers.scores()::ranking));
        router.get(API + "/sensitivity").handler(stored(h -> handlers.scores()::sensitivity));
        if (security.protectReads()) {
            router.post(API + "/scenarios").handler(new BearerAuth(access, "read"));
        }
        router.post(API + "/scenarios").handler(writes).handler(body).handler(stored(h -> h.scenarios()::post));
        router.get(API + "/series/:code").handler(stored(h -> h.series()::series));
        router.get(API + "/events").handler(stored(h -> h.events()::events));
        router.post(API + "/events").handler(writes).handler(ingestRole).handler(body)
                .handler(stored(h -> h.events()::post));
        router.patch(API + "/events/:id").handler(writes).handler(adminRole).handler(body)
                .handler(stored(h -> h.events()::patch));
        router.delete(API + "/events/:id").handler(writes).handler(adminRole).handler(stored(h -> h.events()::delete));
        router.post(API + "/observations").handler(writes).handler(ingestRole).handler(body)
                .handler(stored(h -> h.observations()::post));
        router.get(API + "/stream").handler(stream::stream);
        router.post(API + "/admin/plugins/:id/disable").handler(writes).handler(adminRole)
                .handler(handlers.admin()::disable);
        router.post(API + "/admin/plugins/:id/enable").handler(writes).handler(adminRole)
                .handler(handlers.admin()::enable);
    }

    private Handler<RoutingContext> stored(Function<Stored, Handler<RoutingContext>> pick) {
        return handlers.stored().handler(pick);
    }

    /** Webjars (versioned paths: cached a day) and the dashboard's own files (revalidated each time). */
    private static void dashboard(Router router) {
        router.route("/webjars/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(new ClasspathFiles("/webjars/", "META-INF/resources/webjars", Optional.empty(),
                        Optional.of("public, immutable, max-age=86400")));
        router.route("/embed.html").handler(c -> { c.response().putHeader(SecurityHeaders.CSP_NAME, SecurityHeaders.CSP.replace("frame-ancestors 'none'", "frame-ancestors *")); c.next(); });
        // everything else that is not the API or health is the dashboard; API paths keep their 404 and 405 answers
        router.routeWithRegex("^/(?!api/|health/|metrics|webjars/).*").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(ctx -> {
                    ctx.response().putHeader("Cache-Control", "no-cache");
                    ctx.next();
                })
                .handler(new ClasspathFiles("/", "ballast-web", Optional.of("index.html"), Optional.empty()));
    }

    private static void securityHeaders(RoutingContext ctx) {
        SecurityHeaders.apply(ctx.response());
        ctx.next();
    }
}
