package io.ballast.server;

import io.ballast.server.config.AdminToken;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigWatcher;
import io.ballast.server.config.LiveConfig;
import io.ballast.server.folder.OwnerOnly;
import io.ballast.server.indicator.LoadedPlugin;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.score.ScoreSnapshot;
import io.ballast.server.store.Database;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Ballast server: starts the stages in order (platform, plugins, streams, scoring, then behind the
 * database: store, ingest; http), each a small factory returning a record of what it built, and stops them in
 * reverse. The database opens on a thread of its own while Vert.x and the plugins come up, or after them when a
 * score snapshot will be served. Nothing is served before
 * every region's scores are known: computed from the database, or the documents the last clean stop kept, when
 * nothing they were computed from changed since ({@link ScoreSnapshots}); then the server is ready before the
 * database is open, requests that need it (or the panel it fills) wait for it, and the first recompute runs behind.
 */
public final class Ballast implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ballast.class);

    private final Platform platform;
    private final Plugins plugins;
    private final Scoring scoring;
    private final Future<Backend> backend;
    private final Http http;
    private final long scanTimer;
    private final Future<Optional<ConfigWatcher>> watcher;
    private final String adminToken;
    private final ScoreSnapshots snapshots;
    private final LiveConfig live;
    private final boolean restored;

    private Ballast(Platform platform, Plugins plugins, Scoring scoring, Future<Backend> backend, Http http,
                    long scanTimer, Future<Optional<ConfigWatcher>> watcher, String adminToken,
                    ScoreSnapshots snapshots, LiveConfig live, boolean restored) {
        this.live = live;
        this.restored = restored;
        this.platform = platform;
        this.plugins = plugins;
        this.scoring = scoring;
        this.backend = backend;
        this.http = http;
        this.scanTimer = scanTimer;
        this.watcher = watcher;
        this.adminToken = adminToken;
        this.snapshots = snapshots;
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
        return start(config, file, env, StartupPhases.fromNow());
    }

    /** As {@link #start(BallastConfig, Optional, Map)}, recording the start-up's phases in {@code phases}. */
    public static Future<Ballast> start(BallastConfig config, Optional<Path> file, Map<String, String> env,
                                        StartupPhases phases) {
        return start(config, file, env, phases, ScoreInputs.baselineFile());
    }

    /** As above, with the bundled baseline's documents (beside the jar; tests give their own) in {@code baseline}. */
    static Future<Ballast> start(BallastConfig config, Optional<Path> file, Map<String, String> env,
                                 StartupPhases phases, Optional<Path> baseline) {
        String adminToken;
        try {
            // the database, the generated token and the plugin cache live here: the server's user's alone
            OwnerOnly.folder(config.data().dir());
            OwnerOnly.folder(config.data().dir().resolve("plugin-cache"));
            adminToken = AdminToken.resolve(config);
        } catch (IOException e) {
            return Future.failedFuture(new UncheckedIOException("cannot create data.dir " + config.data().dir(), e));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        // before the database file is opened and changed
        ScoreSnapshots snapshots = ScoreSnapshots.before(config, baseline);
        DatabaseOpening database = new DatabaseOpening(config.startup(), phases, snapshots.likely());
        Platform platform;
        try {
            platform = phases.time("platform", () -> Platform.start(config.cluster()));
        } catch (RuntimeException e) { // a cluster that cannot be joined (a taken port, a refused interface)
            database.abandon(e);
            return Future.failedFuture(e);
        }
        LiveConfig live = new LiveConfig(config);
        long pluginsStart = phases.now();
        Plugins plugins = Plugins.create(platform, live);
        Streams streams = Streams.create(platform, config.startup());
        Scoring scoring = Scoring.create(platform, plugins, streams, live);
        Future<Database> opened = database.opened(platform.vertx());
        Future<Optional<Clustering>> clustering = Clustering.start(platform, streams, plugins);
        Future<Void> loaded = plugins.load(platform.vertx()).onSuccess(v -> phases.record("plugins", pluginsStart));
        Future<Optional<ScoreSnapshot>> restored = loaded.compose(v -> platform.vertx().executeBlocking(() ->
                phases.time("snapshot", () -> snapshots.restore(scoring, live.get(), plugins.host().all())),
                false));
        restored.onComplete(served -> {
            if (served.failed() || served.result().isEmpty()) {
                database.now();
            }
        });
        Future<Backend> backend = Future.all(restored, opened, clustering)
                .recover(e -> {
                    opened.onSuccess(Database::close);
                    return Future.failedFuture(e);
                })
                .compose(all -> Backend.start(platform, opened.result(), plugins, scoring, streams, live,
                        restored.result(), phases));
        Future<Void> readable = restored.compose(served -> served.isPresent() ? Future.succeededFuture()
                : backend.mapEmpty());
        return Future.all(readable, clustering)
                .compose(all -> {
                    long httpStart = phases.now();
                    return Http.deploy(platform, live, adminToken, plugins, streams, scoring, backend,
                            Clustering.health(clustering.result())).onSuccess(h -> phases.record("http", httpStart));
                })
                .map(http -> {
                    database.now();
                    Clustering.serving(clustering.result());
                    backend.onSuccess(b -> b.scoring().scores().settle());
                    return new Ballast(platform, plugins, scoring, backend, http,
                            plugins.watch(platform.vertx(), config.startup().plugins().scanIntervalMs()),
                            backend.compose(b -> ConfigReloads.watch(platform, plugins, b, live, file, env)),
                            adminToken, snapshots, live, restored.result().isPresent());
                })
                .onFailure(e -> {
                    database.never(e);
                    backend.onSuccess(Backend::close);
                    platform.close();
                });
    }

    /** The port the server listens on. */
    public int port() {
        return http.port();
    }

    /** The token accepted for every role. */
    public String adminToken() {
        return adminToken;
    }

    /** The plugins folder this server watches. */
    public Path pluginsFolder() {
        return plugins.folder().folder();
    }

    /** The plugin host, for tests and diagnostics. */
    public PluginHost plugins() {
        return plugins.host();
    }

    /** Whether this start served the scores kept at the last clean stop before its database was open. */
    public boolean restored() {
        return restored;
    }

    /**
     * Completes once everything behind readiness is up too (the database, ingest, the first recompute of a start from
     * a snapshot queued); fails when the database could not be opened after the server was already serving reads.
     */
    public Future<Void> backend() {
        return backend.mapEmpty();
    }

    /**
     * Shuts down in reverse: stop accepting and close streams (HTTP verticles), stop watching, let a running recompute
     * finish, stop Vert.x and the plugins, then close the database, and keep the latest documents for the next start
     * when they are in step with the database.
     */
    @Override
    public void close() {
        stop(Optional.empty());
    }

    /**
     * As {@link #close}, also keeping the documents in {@code baselineScores} as the bundled baseline's when this
     * start made a new database and scored nothing else (the build's training run); answers whether it did.
     */
    boolean close(Path baselineScores) {
        return stop(Optional.of(baselineScores));
    }

    private boolean stop(Optional<Path> baselineScores) {
        await(platform.vertx().undeploy(http.deployment()), "stopping HTTP");
        platform.vertx().cancelTimer(scanTimer);
        await(backend, "opening the database"); // a start still opening it: let it finish, then close it cleanly
        if (backend.succeeded()) {
            await(watcher, "starting to watch the configuration");
            if (watcher.succeeded()) {
                watcher.result().ifPresent(ConfigWatcher::close);
            }
        }
        List<LoadedPlugin> pluginsNow = plugins.host().all();
        Optional<Scoring.Service> service = backend.succeeded() ? Optional.of(backend.result().scoring())
                : Optional.empty();
        boolean current = scoring.close(service);
        await(platform.close(), "closing Vert.x");
        plugins.close();
        if (service.isEmpty()) {
            return false;
        }
        backend.result().close();
        if (!current) {
            return false;
        }
        snapshots.keep(scoring, live.get(), pluginsNow, platform.json());
        return baselineScores.map(file -> snapshots.keepBaseline(file, service.get().scores().rescored(), scoring,
                live.get(), pluginsNow, platform.json())).orElse(false);
    }

    /** Waits for a shutdown step, but never forever: a stuck step must not keep the process from exiting. */
    private static void await(Future<?> step, String what) {
        try {
            step.await(15, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Shutdown went on after {} took longer than 15 s", what);
        } catch (RuntimeException e) {
            LOG.warn("Shutdown went on after {} failed: {}", what, e.toString());
        }
    }
}
