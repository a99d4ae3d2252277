package io.ballast.server.http;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.stream.StreamEndpoint;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.Set;

/** Every route of the server, in one place. */
public final class ApiRouter {

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private static final String API = "/api/v1";

    private ApiRouter() {
    }

    /** The router of one HTTP verticle; {@code streams} is that verticle's own stream endpoint. */
    public static Router create(Vertx vertx, Services services, StreamEndpoint streams) {
        Router router = Router.router(vertx);
        ProblemHandler problems = new ProblemHandler(services.json());
        router.route().handler(new RequestLog());
        router.route().handler(ApiRouter::securityHeaders);

        var catalog = new CatalogHandlers(services);
        var scores = new ScoreHandlers(services);
        var series = new SeriesHandlers(services);
        var observations = new ObservationHandlers(services);
        var stream = new StreamHandlers(services, streams);
        var health = new HealthHandlers(services);
        var events = new EventHandlers(services);
        var admin = new AdminHandlers(services, catalog);
        BallastConfig config = services.config();
        Access access = Access.of(services.adminToken(), config.security());
        var ingestRole = new BearerAuth(access, "ingest");
        var adminRole = new BearerAuth(access, "admin");
        var writes = new RateLimiter(config.security().writesPerMinute());
        var body = BodyHandler.create(false).setBodyLimit(config.server().maxBodyBytes());

        // The API's routes sit on the main router under their full paths: a sub-router would route every request a
        // second time (docs/performance.md, reads).
        if (!config.security().corsOrigins().isEmpty()) {
            router.route(API + "/*").handler(CorsHandler.create().addOrigins(config.security().corsOrigins())
                    .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST))
                    .allowedHeaders(Set.of("Authorization", "Content-Type", "Last-Event-ID")));
        }
        if (config.security().protectReads()) {
            router.get(API + "/*").handler(new BearerAuth(access, "read"));
        }
        router.get(API + "/indicators").handler(catalog::indicators);
        router.get(API + "/regions").handler(catalog::regions);
        router.get(API + "/scores/latest").handler(scores::latest);
        router.get(API + "/scores/history").handler(scores::history);
        router.get(API + "/scores/ranking").handler(scores::ranking);
        router.get(API + "/sensitivity").handler(scores::sensitivity);
        var scenarios = new ScenarioHandlers(services);
        if (config.security().protectReads()) {
            router.post(API + "/scenarios").handler(new BearerAuth(access, "read"));
        }
        router.post(API + "/scenarios").handler(writes).handler(body).handler(scenarios::post);
        router.get(API + "/series/:code").handler(series::series);
        router.get(API + "/events").handler(events::events);
        router.post(API + "/observations").handler(writes).handler(ingestRole).handler(body)
                .handler(observations::post);
        router.get(API + "/stream").handler(stream::stream);
        router.post(API + "/admin/plugins/:id/disable").handler(writes).handler(adminRole).handler(admin::disable);
        router.post(API + "/admin/plugins/:id/enable").handler(writes).handler(adminRole).handler(admin::enable);

        router.get("/health/live").handler(health::live);
        router.get("/health/ready").handler(health::ready);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(services.metrics().registry()));

        // webjar paths carry their version: cached for a day. The dashboard's own files do not: revalidated each time.
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

        router.route().failureHandler(problems);
        router.errorHandler(404, problems);
        router.errorHandler(405, problems);
        router.errorHandler(413, problems);
        return router;
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
