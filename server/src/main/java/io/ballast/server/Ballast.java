package io.ballast.server;

import io.ballast.server.config.AdminToken;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigException;
import io.ballast.server.config.ConfigLoader;
import io.ballast.server.config.ConfigWatcher;
import io.ballast.server.config.LiveConfig;
import io.ballast.server.folder.OwnerOnly;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.store.Database;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Ballast server: starts the stages in order (platform, store, plugins, streams, scoring, ingest, http),
 * each a small factory returning a record of what it built, and stops them in reverse. The database opens on a thread
 * of its own while Vert.x and the plugins come up; nothing is served before every region has been scored once.
 */
public final class Ballast implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ballast.class);

    private final Platform platform;
    private final Store store;
    private final Plugins plugins;
    private final Scoring scoring;
    private final Http http;
    private final long scanTimer;
    private final Optional<ConfigWatcher> watcher;
    private final String adminToken;

    private Ballast(Platform platform, Store store, Plugins plugins, Scoring scoring, Http http, long scanTimer,
                    Optional<ConfigWatcher> watcher, String adminToken) {
        this.platform = platform;
        this.store = store;
        this.plugins = plugins;
        this.scoring = scoring;
        this.http = http;
        this.scanTimer = scanTimer;
        this.watcher = watcher;
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
        return start(config, file, env, StartupPhases.fromNow());
    }

    /** As {@link #start(BallastConfig, Optional, Map)}, recording the start-up's phases in {@code phases}. */
    public static Future<Ballast> start(BallastConfig config, Optional<Path> file, Map<String, String> env,
                                        StartupPhases phases) {
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
        // The database (Micronaut context, Flyway, the baseline) takes the longest to start: it opens on a thread of
        // its own while Vert.x, metrics and the plugins come up on this one.
        CompletableFuture<Database> opening = CompletableFuture.supplyAsync(() -> Store.open(config.startup(),
                phases), command -> new Thread(command, "ballast-open").start());
        Platform platform;
        try {
            platform = phases.time("platform", () -> Platform.start(config.cluster()));
        } catch (RuntimeException e) { // a cluster that cannot be joined (a taken port, a refused interface)
            opening.thenAccept(Database::close);
            return Future.failedFuture(e);
        }
        LiveConfig live = new LiveConfig(config);
        long pluginsStart = phases.now();
        Plugins plugins = Plugins.create(platform, live);
        Streams streams = Streams.create(platform, config.startup());
        Future<Database> opened = Future.fromCompletionStage(opening, platform.vertx().getOrCreateContext())
                .recover(e -> Future.failedFuture(e instanceof CompletionException && e.getCause() != null
                        ? e.getCause() : e));
        Future<Optional<Clustering>> clustering = Clustering.start(platform, streams, plugins);
        Future<Void> loaded = plugins.load(platform.vertx()).onSuccess(v -> phases.record("plugins", pluginsStart));
        return Future.all(loaded, opened, clustering).recover(e -> {
            opened.onSuccess(Database::close);
            return Future.failedFuture(e);
        }).compose(all -> {
            Store store = Store.of(opened.result(), platform);
            return serve(platform, live, file, env, adminToken, store, plugins, streams, clustering.result(),
                    phases)
                    .onFailure(e -> store.close());
        }).onFailure(e -> platform.close());
    }

    /** Scores every region once, starts the sources and the HTTP verticles, then watches the plugins and the file. */
    private static Future<Ballast> serve(Platform platform, LiveConfig live, Optional<Path> file,
                                         Map<String, String> env, String adminToken, Store store, Plugins plugins,
                                         Streams streams, Optional<Clustering> clustering, StartupPhases phases) {
        long scoringStart = phases.now();
        Scoring scoring = Scoring.create(platform, store, plugins, streams, live);
        var startup = live.get().startup();
        return scoring.first(platform, store, plugins, live)
                .onSuccess(v -> phases.record("scoring", scoringStart))
                .compose(v -> {
                    long ingestStart = phases.now();
                    return Ingest.start(platform, store, plugins, scoring, streams, live)
                            .onSuccess(i -> phases.record("ingest", ingestStart));
                })
                .compose(ingest -> {
                    long httpStart = phases.now();
                    return Http.deploy(platform, live, adminToken, store, plugins, streams, scoring, ingest,
                            Clustering.health(clustering)).onSuccess(h -> phases.record("http", httpStart));
                })
                .onSuccess(http -> Clustering.serving(clustering))
                .onSuccess(http -> scoring.service().settle())
                .compose(http -> platform.vertx().executeBlocking(() -> file.map(f -> ConfigWatcher.start(
                        platform.vertx(), f, textOf(f), env, live, reloads(platform, plugins, scoring),
                        startup.server().reloadCheckMs())), false)
                        .map(watcher -> new Ballast(platform, store, plugins, scoring, http,
                                plugins.watch(platform.vertx(), startup.plugins().scanIntervalMs()), watcher,
                                adminToken)));
    }

    /** The config file's text now, the one the watcher compares with; empty when it vanished since it was loaded. */
    private static String textOf(Path file) {
        try {
            return ConfigLoader.read(file);
        } catch (ConfigException e) {
            return "";
        }
    }

    /** What a reloaded configuration changes: the plugins switched on or off, every region rescored. */
    private static ConfigWatcher.Listener reloads(Platform platform, Plugins plugins, Scoring scoring) {
        return new ConfigWatcher.Listener() {
            @Override
            public void applied(BallastConfig before, BallastConfig after) {
                platform.metrics().configReload("applied");
                plugins.apply(after);
                scoring.rescore(before, after);
            }

            @Override
            public void refused(String message) {
                platform.metrics().configReload("refused");
            }
        };
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

    /**
     * Shuts down in reverse: stop accepting and close streams (HTTP verticles), stop watching, let a running recompute
     * finish, stop Vert.x and the plugins, then close the database.
     */
    @Override
    public void close() {
        await(platform.vertx().undeploy(http.deployment()), "stopping HTTP");
        platform.vertx().cancelTimer(scanTimer);
        watcher.ifPresent(ConfigWatcher::close);
        scoring.close();
        await(platform.close(), "closing Vert.x");
        plugins.close();
        store.close();
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
