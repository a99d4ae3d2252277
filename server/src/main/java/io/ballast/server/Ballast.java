package io.ballast.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ballast.server.config.AdminToken;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.http.HttpVerticle;
import io.ballast.server.http.Services;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginFolder;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.ingest.Baseline;
import io.ballast.server.ingest.IngestService;
import io.ballast.server.score.ScoreQueries;
import io.ballast.server.score.ScoreService;
import io.ballast.server.score.Scorer;
import io.ballast.server.store.Cell;
import io.ballast.server.store.Database;
import io.ballast.server.store.SeriesQueries;
import io.ballast.server.store.StoreWorkers;
import io.ballast.server.stream.ScoreEvents;
import io.ballast.server.stream.StreamGate;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Ballast server: wires the stages (ingest → store → score → stream → http) and owns their lifecycle.
 * Start-up work that blocks (database, migrations, baseline, plugin discovery, first scoring) runs on a worker.
 */
public final class Ballast implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ballast.class);

    private final Vertx vertx;
    private final Database database;
    private final StoreWorkers workers;
    private final PluginHost plugins;
    private final ScoreService scoring;
    private final PluginFolder folder;
    private final Measurer measurer;
    private final long scanTimer;
    private final String deployment;
    private final int port;
    private final String adminToken;

    private Ballast(Vertx vertx, Database database, StoreWorkers workers, PluginHost plugins, ScoreService scoring,
                    PluginFolder folder, Measurer measurer, long scanTimer, String deployment, int port,
                    String adminToken) {
        this.vertx = vertx;
        this.database = database;
        this.workers = workers;
        this.plugins = plugins;
        this.scoring = scoring;
        this.folder = folder;
        this.measurer = measurer;
        this.scanTimer = scanTimer;
        this.deployment = deployment;
        this.port = port;
        this.adminToken = adminToken;
    }

    /** Starts a server and completes when it is ready to serve. */
    public static Future<Ballast> start(BallastConfig config) {
        try {
            Files.createDirectories(config.data().dir());
        } catch (IOException e) {
            return Future.failedFuture(new UncheckedIOException("cannot create data.dir " + config.data().dir(), e));
        }
        String adminToken;
        try {
            adminToken = AdminToken.resolve(config);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        int eventLoops = 2 * Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        int port = config.server().port() == 0 ? freePort() : config.server().port();
        BallastConfig effective = withPort(config, port);
        ObjectMapper json = mapper();
        StoreWorkers workers = new StoreWorkers(vertx, 8);
        WorkerExecutor scoring = vertx.createSharedWorkerExecutor("ballast-score", 1);
        PluginHost plugins = new PluginHost(effective::enabled);
        Measurer measurer = new Measurer(plugins, Duration.ofMillis(effective.plugins().measureTimeoutMs()));
        PluginFolder folder = new PluginFolder(effective.plugins().directory(),
                effective.data().dir().resolve("plugin-cache"), plugins);
        ScoreEvents events = new ScoreEvents(vertx);

        return vertx.executeBlocking(() -> {
            Database database = Database.open(effective.data().dir());
            try {
                if (effective.data().baseline()) {
                    Baseline.bundled().seedIfNew(database.observations());
                }
                plugins.discover(Ballast.class.getClassLoader(), "classpath");
                folder.loadAll();
                return database;
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
        }, false).compose(database -> {
            var scores = new ScoreQueries(database.scores(), workers, json, vertx);
            var series = new SeriesQueries(database.observations(), workers, json, vertx);
            var scorer = new Scorer(plugins, measurer, effective, Clock.systemUTC());
            var scoreService = new ScoreService(database.observations(), database.scores(), scorer, scores, events,
                    scoring, json);
            var ingest = new IngestService(json, r -> effective.region(r).isPresent(),
                    code -> series.inCatalogue(code) || readByPlugin(plugins, code),
                    effective.ingest().maxBatch(), database.observations(), workers, cells -> {
                        series.invalidate(cells.stream().map(Cell::region).collect(Collectors.toSet()));
                        scoreService.schedule(cells);
                    });
            var services = new Services(effective, json, plugins, scores, series, ingest, events,
                    new StreamGate(effective.stream().maxConnections()), database, workers, adminToken);
            List<String> regions = effective.regions().stream().map(BallastConfig.Region::code).toList();
            return vertx.executeBlocking(() -> {
                series.loadCatalogue();
                scoreService.recomputeAll(regions);
                plugins.onChange(() -> scoreService.scheduleAll(regions));
                return null;
            }, false).compose(v -> {
                int instances = effective.server().instances() == 0 ? eventLoops : effective.server().instances();
                return vertx.deployVerticle(() -> new HttpVerticle(services),
                        new DeploymentOptions().setInstances(instances));
            }).map(id -> new Ballast(vertx, database, workers, plugins, scoreService, folder, measurer,
                            watch(vertx, folder, effective.plugins().scanIntervalMs()), id, port, adminToken))
                    .onFailure(e -> database.close());
        }).onFailure(e -> vertx.close());
    }

    /** Scans the plugins folder periodically on a worker of its own; a scan never overlaps the previous one. */
    private static long watch(Vertx vertx, PluginFolder folder, int intervalMs) {
        WorkerExecutor worker = vertx.createSharedWorkerExecutor("ballast-plugins", 1);
        AtomicBoolean scanning = new AtomicBoolean();
        return vertx.setPeriodic(intervalMs, id -> {
            if (scanning.compareAndSet(false, true)) {
                worker.executeBlocking(() -> {
                    folder.scan();
                    return null;
                }, false).onComplete(done -> {
                    scanning.set(false);
                    if (done.failed()) {
                        LOG.error("Scanning the plugins folder failed", done.cause());
                    }
                });
            }
        });
    }

    private static boolean readByPlugin(PluginHost plugins, String code) {
        return plugins.all().stream().anyMatch(p -> p.descriptor().inputs().contains(code));
    }

    /** The JSON mapper every stage shares: strict reading (no trailing tokens, no duplicate keys). */
    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    private static BallastConfig withPort(BallastConfig c, int port) {
        var server = new BallastConfig.Server(c.server().host(), port, c.server().instances(),
                c.server().maxBodyBytes(), c.server().tls());
        return new BallastConfig(server, c.data(), c.regions(), c.scoring(), c.indicators(), c.plugins(), c.ingest(),
                c.stream(), c.security(), c.logging());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** The token accepted for every role. */
    public String adminToken() {
        return adminToken;
    }

    /** The plugins folder this server watches. */
    public java.nio.file.Path pluginsFolder() {
        return folder.folder();
    }

    /** The plugin host, for tests and diagnostics. */
    public PluginHost plugins() {
        return plugins;
    }

    /**
     * Shuts down in order: stop accepting and close streams (HTTP verticles), let a running recompute finish, stop
     * Vert.x and the plugins, then close the database.
     */
    @Override
    public void close() {
        try {
            vertx.undeploy(deployment).await();
        } catch (RuntimeException e) {
            LOG.warn("HTTP did not stop cleanly: {}", e.toString());
        }
        vertx.cancelTimer(scanTimer);
        scoring.close(Duration.ofSeconds(10));
        try {
            vertx.close().await();
        } catch (RuntimeException e) {
            LOG.warn("Vert.x did not close cleanly: {}", e.toString());
        }
        folder.unloadAll();
        plugins.stopAll();
        measurer.close();
        workers.close();
        database.close();
    }
}
