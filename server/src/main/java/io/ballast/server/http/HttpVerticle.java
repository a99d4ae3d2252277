package io.ballast.server.http;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.stream.StreamEndpoint;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;

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
        var options = new HttpServerOptions().setHost(config.server().host()).setPort(config.server().port());
        config.server().tls().ifPresent(tls -> options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(tls.cert().toString()).setKeyPath(tls.key().toString())));
        server = vertx.createHttpServer(options)
                .requestHandler(ApiRouter.create(vertx, services, streams));
        return server.listen();
    }

    @Override
    public Future<?> stop() {
        streams.close();
        return server.close();
    }
}
