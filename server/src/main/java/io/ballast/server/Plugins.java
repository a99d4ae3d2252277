package io.ballast.server;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.LiveConfig;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginFolder;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.indicator.PluginState;
import io.ballast.server.indicator.RunnerCommand;
import java.nio.file.Path;
import java.util.Optional;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up stage 2: the plugin host (built-ins from the classpath, jars from the plugins folder, each in a runner JVM
 * of its own unless {@code plugins.isolation} is {@code in-process}), the measurer that runs plugin calls with a time
 * limit, and the watched folder.
 */
record Plugins(PluginHost host, Measurer measurer, PluginFolder folder) {

    private static final Logger LOG = LoggerFactory.getLogger(Plugins.class);

    static Plugins create(Platform platform, LiveConfig live) {
        var config = live.get().startup();
        PluginHost host = new PluginHost(id -> live.reloadable().enabled(id));
        Measurer measurer = new Measurer(host, Duration.ofMillis(config.plugins().measureTimeoutMs()),
                Measurer.Listener.of(platform.metrics()::measured, platform.metrics()::pluginFailed));
        for (PluginState state : PluginState.values()) {
            platform.metrics().gauge("ballast.plugins." + state.name().toLowerCase(Locale.ROOT),
                    "plugins in state " + state, () -> host.all().stream().filter(p -> p.state() == state).count());
        }
        Path copies = config.data().dir().resolve("plugin-cache");
        Optional<RunnerCommand> runners = config.plugins().outOfProcess()
                ? Optional.of(RunnerCommand.ofThisJvm(config.plugins().runnerHeapMb(), copies)) : Optional.empty();
        PluginFolder folder = new PluginFolder(config.plugins().directory(), copies, host, runners,
                Duration.ofMillis(config.plugins().measureTimeoutMs()));
        return new Plugins(host, measurer, folder);
    }

    /** Loads the built-ins and every jar in the folder, on a worker. */
    Future<Void> load(Vertx vertx) {
        return vertx.executeBlocking(() -> {
            host.discover(Ballast.class.getClassLoader(), "classpath");
            folder.loadAll();
            return null;
        }, false);
    }

    /** Scans the folder periodically on a worker of its own; a scan never overlaps the previous one. */
    long watch(Vertx vertx, int intervalMs) {
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

    /** Applies a reloaded {@code indicators.<id>.enabled} to the plugins whose setting now differs from their state. */
    void apply(BallastConfig config) {
        for (var p : host.all()) {
            boolean wanted = config.enabled(p.id());
            if (!wanted && p.state() != PluginState.DISABLED) {
                host.disable(p.id());
            } else if (wanted && p.state() == PluginState.DISABLED) {
                host.enable(p.id());
            }
        }
    }

    void close() {
        folder.unloadAll();
        host.stopAll();
        measurer.close();
    }
}
