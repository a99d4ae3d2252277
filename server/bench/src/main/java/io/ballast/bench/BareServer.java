package io.ballast.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The baseline server: bare Vert.x with as many event loops and instances as Ballast, answering GET
 * {@code /health/ready} and GET {@code /bytes} with a fixed body read from a file. {@code java -cp benchmarks.jar
 * io.ballast.bench.BareServer PORT BODY_FILE}.
 */
public final class BareServer extends VerticleBase {

    private final int port;
    private final Buffer body;

    private BareServer(int port, Buffer body) {
        this.port = port;
        this.body = body;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(args[1])));
        int loops = 2 * Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        vertx.deployVerticle(() -> new BareServer(port, body), new DeploymentOptions().setInstances(loops)).await();
        System.out.println("bare server ready on " + port);
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer().requestHandler(request -> {
            if (request.path().equals("/bytes") || request.path().equals("/health/ready")) {
                request.response().putHeader("Content-Type", "application/json").end(body);
            } else {
                request.response().setStatusCode(404).end();
            }
        }).listen(port);
    }
}
