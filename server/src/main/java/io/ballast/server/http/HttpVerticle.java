package io.ballast.server.http;

import io.ballast.server.config.Startup;
import io.ballast.server.stream.ScoreEvents;
import io.ballast.server.stream.StreamEndpoint;
import io.ballast.server.stream.StreamGate;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP server instance on one event loop; the server deploys one per event loop, all on the same port. Each owns
 * its stream subscribers, so broadcasting needs no locks.
 */
public final class HttpVerticle extends VerticleBase {

    private final ApiRouter api;
    private final Startup config;
    private final int port;
    private final ScoreEvents events;
    private final StreamGate gate;
    private StreamEndpoint streams;
    private HttpServer server;

    /** Listens on {@code port} (the configured one, or the free one picked for port 0). */
    public HttpVerticle(ApiRouter api, Startup config, int port, ScoreEvents events, StreamGate gate) {
        this.api = api;
        this.config = config;
        this.port = port;
        this.events = events;
        this.gate = gate;
    }

    @Override
    public Future<?> start() {
        streams = new StreamEndpoint(vertx, events, gate, config.stream().replay(), config.stream().heartbeatSeconds(),
                config.stream().maxQueuedBytes());
        // idle: nothing read or written for this long closes a connection (streams write a heartbeat meanwhile)
        var options = new HttpServerOptions().setHost(config.server().host()).setPort(port)
                .setIdleTimeout(config.server().idleTimeoutSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS)
                // HTTP/1.1 only in clear text: with h2c on, a connection is known only once its first bytes decide
                // the protocol, so one that sends nothing, or half a request line, would escape the header deadline
                .setHttp2ClearTextEnabled(false);
        if (config.server().sendBufferBytes() > 0) {
            options.setSendBufferSize(config.server().sendBufferBytes());
        }
        config.server().tls().ifPresent(tls -> options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(tls.cert().toString()).setKeyPath(tls.key().toString())));
        server = vertx.createHttpServer(options);
        api.attach(server, vertx, streams);
        return server.listen();
    }

    @Override
    public Future<?> stop() {
        streams.close();
        return server.close();
    }
}
