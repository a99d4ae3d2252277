package io.ballast.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.Startup;
import io.ballast.server.stream.StreamEndpoint;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every route of the server, in one place. Built once with the handlers and the security policy, it makes one router
 * per HTTP verticle ({@link #router}); the write rate limit and the handlers are shared by all of them.
 */
public final class ApiRouter {

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private static final String API = "/api/v1";

    /** The handlers of the API's areas. */
    public record Handlers(CatalogHandlers catalog, ScoreHandlers scores, SeriesHandlers series,
                           ObservationHandlers observations, HealthHandlers health, EventHandlers events,
                           AdminHandlers admin, ScenarioHandlers scenarios) {
    }

    private final Handlers handlers;
    private final Supplier<BallastConfig.Reloadable> config;
    private final Startup.Security security;
    private final int maxBodyBytes;
    private final ObjectMapper json;
    private final PrometheusMeterRegistry registry;
    private final Access access;
    private final RateLimiter writes;

    public ApiRouter(Handlers handlers, Supplier<BallastConfig.Reloadable> config, Startup startup,
                     String adminToken, ObjectMapper json, PrometheusMeterRegistry registry) {
        this.handlers = handlers;
        this.config = config;
        this.security = startup.security();
        this.maxBodyBytes = startup.server().maxBodyBytes();
        this.json = json;
        this.registry = registry;
        this.access = Access.of(adminToken, security);
        this.writes = new RateLimiter(security.writesPerMinute());
    }

    /** The router of one HTTP verticle; {@code streams} is that verticle's own stream endpoint. */
    public Router router(Vertx vertx, StreamEndpoint streams) {
        Router router = Router.router(vertx);
        router.route().handler(new RequestLog());
        router.route().handler(ApiRouter::securityHeaders);
        api(router, new StreamHandlers(streams, config));
        router.get("/health/live").handler(handlers.health()::live);
        router.get("/health/ready").handler(handlers.health()::ready);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
        dashboard(router);
        ProblemHandler problems = new ProblemHandler(json);
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
        router.get(API + "/scores/history").handler(handlers.scores()::history);
        router.get(API + "/scores/ranking").handler(handlers.scores()::ranking);
        router.get(API + "/sensitivity").handler(handlers.scores()::sensitivity);
        if (security.protectReads()) {
            router.post(API + "/scenarios").handler(new BearerAuth(access, "read"));
        }
        router.post(API + "/scenarios").handler(writes).handler(body).handler(handlers.scenarios()::post);
        router.get(API + "/series/:code").handler(handlers.series()::series);
        router.get(API + "/events").handler(handlers.events()::events);
        router.post(API + "/events").handler(writes).handler(ingestRole).handler(body)
                .handler(handlers.events()::post);
        router.patch(API + "/events/:id").handler(writes).handler(adminRole).handler(body)
                .handler(handlers.events()::patch);
        router.delete(API + "/events/:id").handler(writes).handler(adminRole).handler(handlers.events()::delete);
        router.post(API + "/observations").handler(writes).handler(ingestRole).handler(body)
                .handler(handlers.observations()::post);
        router.get(API + "/stream").handler(stream::stream);
        router.post(API + "/admin/plugins/:id/disable").handler(writes).handler(adminRole)
                .handler(handlers.admin()::disable);
        router.post(API + "/admin/plugins/:id/enable").handler(writes).handler(adminRole)
                .handler(handlers.admin()::enable);
    }

    /** Webjars (versioned paths: cached a day) and the dashboard's own files (revalidated each time). */
    private static void dashboard(Router router) {
        router.route("/webjars/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(StaticHandler.create("META-INF/resources/webjars").setCachingEnabled(true)
                        .setMaxAgeSeconds(86_400));
        router.route("/embed.html").handler(c -> { c.response().putHeader(CSP_NAME, CSP.replace("frame-ancestors 'none'", "frame-ancestors *")); c.next(); });
        // everything else that is not the API or health is the dashboard; API paths keep their 404 and 405 answers
        router.routeWithRegex("^/(?!api/|health/|metrics|webjars/).*").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(ctx -> {
                    ctx.response().putHeader("Cache-Control", "no-cache");
                    ctx.next();
                })
                .handler(StaticHandler.create("ballast-web").setIndexPage("index.html").setCachingEnabled(false));
    }

    // Header names and values built once: Vert.x then skips validating and encoding them on every response.
    private static final CharSequence NOSNIFF_NAME = HttpHeaders.createOptimized("X-Content-Type-Options");
    private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    private static final CharSequence REFERRER_NAME = HttpHeaders.createOptimized("Referrer-Policy");
    private static final CharSequence NO_REFERRER = HttpHeaders.createOptimized("no-referrer");
    private static final CharSequence CSP_NAME = HttpHeaders.createOptimized("Content-Security-Policy");
    private static final CharSequence CSP_VALUE = HttpHeaders.createOptimized(CSP);

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader(NOSNIFF_NAME, NOSNIFF)
                .putHeader(REFERRER_NAME, NO_REFERRER)
                .putHeader(CSP_NAME, CSP_VALUE);
        ctx.next();
    }
}
