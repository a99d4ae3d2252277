package io.ballast.server.http;

import io.ballast.server.stream.StreamEndpoint;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;

/** Every route of the server, in one place. */
public final class ApiRouter {

    private static final long MAX_BODY_BYTES = 4L * 1024 * 1024;
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private ApiRouter() {
    }

    /** The router of one HTTP verticle; {@code streams} is that verticle's own stream endpoint. */
    public static Router create(Vertx vertx, Services services, StreamEndpoint streams) {
        Router router = Router.router(vertx);
        ProblemHandler problems = new ProblemHandler(services.json());
        router.route().handler(ApiRouter::securityHeaders);

        var catalog = new CatalogHandlers(services);
        var scores = new ScoreHandlers(services);
        var series = new SeriesHandlers(services);
        var observations = new ObservationHandlers(services);
        var stream = new StreamHandlers(services, streams);
        var health = new HealthHandlers(services);
        var events = new EventHandlers(services);
        var admin = new AdminHandlers(services, catalog);
        List<BearerAuth.Token> tokens = List.of(new BearerAuth.Token(
                services.adminToken().getBytes(java.nio.charset.StandardCharsets.UTF_8), List.of("admin")));
        var ingestRole = new BearerAuth(tokens, "ingest");
        var adminRole = new BearerAuth(tokens, "admin");

        Router api = Router.router(vertx);
        api.get("/indicators").handler(catalog::indicators);
        api.get("/regions").handler(catalog::regions);
        api.get("/scores/latest").handler(scores::latest);
        api.get("/scores/history").handler(scores::history);
        api.get("/series/:code").handler(series::series);
        api.get("/events").handler(events::events);
        api.post("/observations").handler(ingestRole)
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(observations::post);
        api.get("/stream").handler(stream::stream);
        api.post("/admin/plugins/:id/disable").handler(adminRole).handler(admin::disable);
        api.post("/admin/plugins/:id/enable").handler(adminRole).handler(admin::enable);
        api.route().failureHandler(problems);
        router.route("/api/v1/*").subRouter(api);

        router.get("/health/live").handler(health::live);
        router.get("/health/ready").handler(health::ready);

        router.route(HttpMethod.GET, "/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars")
                .setCachingEnabled(true).setMaxAgeSeconds(86_400));
        // everything else that is not the API or health is the dashboard; API paths keep their 404 and 405 answers
        router.routeWithRegex(HttpMethod.GET, "^/(?!api/|health/|metrics).*")
                .handler(StaticHandler.create("ballast-web").setIndexPage("index.html"));

        router.route().failureHandler(problems);
        router.errorHandler(404, problems);
        router.errorHandler(405, problems);
        router.errorHandler(413, problems);
        return router;
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Content-Security-Policy", CSP);
        ctx.next();
    }
}
