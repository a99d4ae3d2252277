package io.ballast.server.http;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.stream.StreamEndpoint;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * One HTTP server instance on one event loop; the server deploys one per event loop, all on the same port. Each owns
 * its stream subscribers, so broadcasting needs no locks.
 */
public final class HttpVerticle extends VerticleBase {

    private final Services services;
    private StreamEndpoint streams;
    private HttpServer server;

    public HttpVerticle(Services services) {
        this.services = services;
    }

    @Override
    public Future<?> start() {
        BallastConfig config = services.config();
        streams = new StreamEndpoint(vertx, services.events(), services.streams(), config.stream().replay(),
                config.stream().heartbeatSeconds());
        server = vertx.createHttpServer(new HttpServerOptions()
                        .setHost(config.server().host())
                        .setPort(config.server().port()))
                .requestHandler(ApiRouter.create(vertx, services, streams));
        return server.listen();
    }

    @Override
    public Future<?> stop() {
        streams.close();
        return server.close();
    }
}
