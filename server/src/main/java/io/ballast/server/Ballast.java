package io.ballast.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ballast.server.config.AdminToken;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigWatcher;
import io.ballast.server.config.LiveConfig;
import io.ballast.server.connector.SourceStatus;
import io.ballast.server.connector.SourcesVerticle;
import io.ballast.server.http.HttpVerticle;
import io.ballast.server.http.Services;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginFolder;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.indicator.PluginState;
import io.ballast.server.metrics.Metrics;
import io.ballast.server.ingest.Baseline;
import io.ballast.server.ingest.IngestService;
import io.ballast.server.score.AlertSink;
import io.ballast.server.score.Panel;
import io.ballast.server.score.ScenarioService;
import io.ballast.server.score.Scenarios;
import io.ballast.server.score.UncertaintyAnalysis;
import io.ballast.server.score.UncertaintyRanges;
import io.ballast.server.score.UncertaintyService;
import io.ballast.server.score.uncertainty.MonteCarlo;
import io.ballast.server.score.ScoreQueries;
import io.ballast.server.score.ScoreService;
import io.ballast.server.score.Scorer;
import io.ballast.server.store.Cell;
import io.ballast.server.store.Database;
import io.ballast.server.store.SeriesQueries;
import io.ballast.server.store.StoreWorkers;
import io.ballast.server.store.VintageResult;
import io.ballast.server.stream.AlertWebhook;
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
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
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
        return start(config, Optional.empty(), Map.of());
    }

    /**
     * Starts a server whose configuration came from {@code file} (if any) and {@code env}; the file is watched and
     * its reloadable keys are applied while the server runs.
     */
    public static Future<Ballast> start(BallastConfig config, Optional<Path> file, Map<String, String> env) {
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
        // The database (Micronaut context, Flyway, the baseline) takes the longest to start: it opens on a thread of
        // its own while Vert.x, metrics and the plugins come up on this one.
        CompletableFuture<Database> opening = CompletableFuture.supplyAsync(() -> openDatabase(config),
                command -> new Thread(command, "ballast-open").start());
        int eventLoops = 2 * Runtime.getRuntime().availableProcessors();
        Metrics metrics = new Metrics();
        Vertx vertx = metrics.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        metrics.watchEventLoop(vertx);
        int port = config.server().port() == 0 ? freePort() : config.server().port();
        BallastConfig effective = withPort(config, port);
        LiveConfig live = new LiveConfig(effective);
        ObjectMapper json = mapper();
        StoreWorkers workers = new StoreWorkers(vertx, 8);
        WorkerExecutor scoring = vertx.createSharedWorkerExecutor("ballast-score", 1);
        PluginHost plugins = new PluginHost(id -> live.get().enabled(id));
        Measurer measurer = new Measurer(plugins, Duration.ofMillis(effective.plugins().measureTimeoutMs()),
                metrics::measured);
        for (PluginState state : PluginState.values()) {
            metrics.gauge("ballast.plugins." + state.name().toLowerCase(java.util.Locale.ROOT),
                    "plugins in state " + state, () -> plugins.all().stream().filter(p -> p.state() == state).count());
        }
        PluginFolder folder = new PluginFolder(effective.plugins().directory(),
                effective.data().dir().resolve("plugin-cache"), plugins);
        ScoreEvents events = new ScoreEvents(vertx);

        Future<Void> pluginsLoaded = vertx.executeBlocking(() -> {
            plugins.discover(Ballast.class.getClassLoader(), "classpath");
            folder.loadAll();
            return null;
        }, false);
        Future<Database> opened = Future.fromCompletionStage(opening, vertx.getOrCreateContext())
                .recover(e -> Future.failedFuture(e instanceof CompletionException && e.getCause() != null
                        ? e.getCause() : e));
        return Future.all(pluginsLoaded, opened).recover(e -> {
            opened.onSuccess(Database::close);
            return Future.failedFuture(e);
        }).map(all -> opened.result()).compose(database -> {
            var panel = new Panel();
            WorkerExecutor analysing = vertx.createSharedWorkerExecutor("ballast-uncertainty", 2);
            var analysis = new UncertaintyAnalysis(new MonteCarlo(command -> analysing.executeBlocking(() -> {
                command.run();
                return null;
            }, false), 2));
            var ranges = java.util.Optional.of(new UncertaintyRanges(0.5, 0.5, 0.2,
                    List.of(BallastConfig.CompositeMethod.GEOMETRIC, BallastConfig.CompositeMethod.ARITHMETIC),
                    List.of(0, 1, 2), 4096));
            var uncertainty = new UncertaintyService(panel, live::get, () -> ranges, analysis,
                    command -> analysing.executeBlocking(() -> {
                        command.run();
                        return null;
                    }, false));
            var scores = new ScoreQueries(panel, json, live::get, uncertainty::current, uncertainty::enabled);
            var series = new SeriesQueries(database.observations(), workers, json, vertx);
            var scorer = new Scorer(plugins, measurer, live::get, Clock.systemUTC());
            AlertSink alerts = effective.alerts().webhook().<AlertSink>map(url -> new AlertWebhook(url,
                    effective.alerts().retries(), Duration.ofMillis(effective.alerts().timeoutMs()), json))
                    .orElse(fired -> { });
            var scoreService = new ScoreService(database.observations(), database.events(), database.scores(), scorer,
                    panel, scores, events, alerts, scoring, json, uncertainty);
            Predicate<String> knownRegion = r -> live.get().region(r).isPresent();
            Predicate<String> knownSeries = code -> series.inCatalogue(code) || readByPlugin(plugins, code);
            var ingest = new IngestService(json, knownRegion, knownSeries,
                    effective.ingest().maxBatch(), database.observations(), workers, cells -> {
                        series.invalidate(cells.stream().map(Cell::region).collect(Collectors.toSet()));
                        scoreService.schedule(cells);
                    });
            // What the pull sources (World Bank connector, WDI inbox) stored goes the same way as a POSTed batch.
            Consumer<VintageResult> sourced = result -> {
                result.catalogued().forEach(series::addToCatalogue);
                series.invalidate(result.regions());
                scoreService.schedule(result.changed());
            };
            scores.bindMetrics(metrics.meters());
            series.bindMetrics(metrics.meters());
            var sources = new SourceStatus();
            var gate = new StreamGate(streamCap(effective.stream().maxConnections()));
            metrics.gauge("ballast.streams.open", "open SSE streams", gate::open);
            var scenarios = new ScenarioService(new Scenarios(database.observations(), database.events(), scorer,
                    panel, live::get, analysis), scores, json, live::get, () -> new UncertaintyRanges(0.5, 0.5, 0.2,
                    List.of(BallastConfig.CompositeMethod.GEOMETRIC, BallastConfig.CompositeMethod.ARITHMETIC),
                    List.of(0, 1, 2), 512), vertx.createSharedWorkerExecutor("ballast-scenarios", 1), 16);
            var services = new Services(live, json, plugins, scores, series, ingest, events, gate, database,
                    workers, adminToken, metrics, sources, scenarios);
            Supplier<List<String>> regions = () -> live.get().regions().stream().map(BallastConfig.Region::code)
                    .toList();
            return vertx.executeBlocking(() -> {
                series.loadCatalogue();
                scoreService.recomputeAll(regions.get());
                plugins.onChange(() -> scoreService.scheduleAll(regions.get()));
                file.ifPresent(f -> watchConfig(vertx, new ConfigWatcher(f, env, live, reloaded -> {
                    syncEnabled(plugins, reloaded);
                    scoreService.scheduleAll(regions.get());
                }), effective.server().reloadCheckMs()));
                return null;
            }, false).compose(v -> vertx.deployVerticle(new SourcesVerticle(effective, database.observations(), workers,
                    json, knownRegion, knownSeries, sourced, sources))).compose(v -> {
                int instances = effective.server().instances() == 0 ? eventLoops : effective.server().instances();
                return vertx.deployVerticle(() -> new HttpVerticle(services),
                        new DeploymentOptions().setInstances(instances));
            }).map(id -> new Ballast(vertx, database, workers, plugins, scoreService, folder, measurer,
                            watch(vertx, folder, effective.plugins().scanIntervalMs()), id, port, adminToken))
                    .onFailure(e -> database.close());
        }).onFailure(e -> vertx.close());
    }

    /** Opens the database and seeds the bundled baseline into a new one; blocks. */
    private static Database openDatabase(BallastConfig config) {
        Database database = Database.open(config.data().dir());
        try {
            if (config.data().baseline()) {
                Baseline.bundled().seed(database.observations(), database.events());
            }
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
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

    /** Checks the config file periodically on a worker; a reload never overlaps the previous check. */
    private static void watchConfig(Vertx vertx, ConfigWatcher watcher, int intervalMs) {
        WorkerExecutor worker = vertx.createSharedWorkerExecutor("ballast-config", 1);
        vertx.setPeriodic(intervalMs, id -> worker.executeBlocking(watcher::check, true));
    }

    /** Applies a reloaded {@code indicators.<id>.enabled} to the plugins whose setting now differs from their state. */
    private static void syncEnabled(PluginHost plugins, BallastConfig config) {
        for (var p : plugins.all()) {
            boolean wanted = config.enabled(p.id());
            if (!wanted && p.state() != PluginState.DISABLED) {
                plugins.disable(p.id());
            } else if (wanted && p.state() == PluginState.DISABLED) {
                plugins.enable(p.id());
            }
        }
    }

    /**
     * The configured stream cap, lowered when it would not leave 1,000 file descriptors below the process's limit for
     * the database, plugin jars, other clients and the accept loop (a server past its limit fails in odd ways).
     */
    static int streamCap(int configured) {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long limit = unix.getMaxFileDescriptorCount();
            int safe = (int) Math.max(1, Math.min(Integer.MAX_VALUE, limit - 1000));
            if (configured > safe) {
                LOG.warn("stream.max-connections {} is too close to the open-files limit {}; using {}", configured,
                        limit, safe);
                return safe;
            }
        }
        return configured;
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
                c.server().maxBodyBytes(), c.server().tls(), c.server().reloadCheckMs());
        return new BallastConfig(server, c.data(), c.regions(), c.scoring(), c.indicators(), c.plugins(), c.alerts(),
                c.ingest(),
                c.stream(), c.security(), c.logging(), c.connectors());
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
        await(vertx.undeploy(deployment), "stopping HTTP");
        vertx.cancelTimer(scanTimer);
        scoring.close(Duration.ofSeconds(10));
        await(vertx.close(), "closing Vert.x");
        folder.unloadAll();
        plugins.stopAll();
        measurer.close();
        workers.close();
        database.close();
    }

    /** Waits for a shutdown step, but never forever: a stuck step must not keep the process from exiting. */
    private static void await(Future<?> step, String what) {
        try {
            step.await(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("Shutdown went on after {} took longer than 15 s", what);
        } catch (RuntimeException e) {
            LOG.warn("Shutdown went on after {} failed: {}", what, e.toString());
        }
    }

}
