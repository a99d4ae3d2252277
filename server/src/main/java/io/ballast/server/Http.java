package io.ballast.server;

import io.ballast.server.config.LiveConfig;
import io.ballast.server.config.Startup;
import io.ballast.server.http.AdminHandlers;
import io.ballast.server.http.ApiRouter;
import io.ballast.server.http.CatalogHandlers;
import io.ballast.server.http.Deferred;
import io.ballast.server.http.EventHandlers;
import io.ballast.server.http.HealthHandlers;
import io.ballast.server.http.HttpVerticle;
import io.ballast.server.http.JsonDocuments;
import io.ballast.server.http.ObservationHandlers;
import io.ballast.server.http.ScenarioHandlers;
import io.ballast.server.http.ScoreHandlers;
import io.ballast.server.http.SeriesHandlers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Start-up stage 6: the HTTP API and dashboard. Each handler gets what it uses; one {@link ApiRouter} holds them and
 * the security policy; one {@link HttpVerticle} per event loop (or {@code server.instances}) serves them on one port.
 * The handlers that need the database come with {@code backend}: until it is up, their requests wait for it.
 */
record Http(String deployment, int port) {

    static Future<Http> deploy(Platform platform, LiveConfig live, String adminToken, Plugins plugins,
                               Streams streams, Scoring scoring, Future<Backend> backend,
                               Supplier<Map<String, Object>> cluster) {
        Startup config = live.get().startup();
        var json = platform.json();
        var documents = new JsonDocuments();
        var catalog = new CatalogHandlers(plugins.host(), plugins.measurer(), live::reloadable, json);
        var stored = new Deferred<>(backend.map(b -> new ApiRouter.Stored(
                new SeriesHandlers(b.store().series(), live::reloadable, documents),
                new ObservationHandlers(b.ingest().service(), platform.metrics(), json),
                new EventHandlers(b.store().database().events(), b.store().workers(), live::reloadable, json,
                        b.ingest().events()),
                new ScenarioHandlers(b.ingest().service(), b.scoring().scenarios()))));
        var health = new Deferred<>(backend.map(b -> new HealthHandlers.Backend(b.store().health(),
                b.ingest().sources(), b.scoring().scores().status())));
        var handlers = new ApiRouter.Handlers(catalog,
                new ScoreHandlers(scoring.queries(), plugins.host(), live::reloadable, documents),
                new HealthHandlers(health, plugins.host(), plugins.measurer(), streams.gate(), json, cluster),
                new AdminHandlers(plugins.host(), catalog, json), stored);
        var api = new ApiRouter(handlers, live::reloadable, config, adminToken, json, platform.metrics().registry());
        int port = config.server().port() == 0 ? freePort() : config.server().port();
        int instances = config.server().instances() == 0 ? platform.eventLoops() : config.server().instances();
        return platform.vertx().deployVerticle(() -> new HttpVerticle(api, config, port, streams.events(),
                        streams.gate()), new DeploymentOptions().setInstances(instances))
                .map(id -> new Http(id, port));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
