package io.ballast.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Supplier;

/**
 * The process's meters, in one Prometheus registry: Vert.x (HTTP server, event bus, pools), the JVM, and Ballast's
 * own (open streams, ingest, plugin measure time and failures, cache hits, event-loop delay). Served at
 * {@code /metrics}.
 */
public final class Metrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** A Vert.x instance whose HTTP server, event bus and pools report into this registry. */
    public Vertx vertx(VertxOptions options) {
        return builder(options).build();
    }

    /** A clustered Vert.x reporting into this registry; completes once it joined the cluster. */
    public Future<Vertx> clusteredVertx(VertxOptions options, ClusterManager manager) {
        return builder(options).withClusterManager(manager).buildClustered();
    }

    private VertxBuilder builder(VertxOptions options) {
        // the event bus only carries score events to the HTTP verticles; its per-consumer gauges would collide. The
        // HTTP server's request meters are HttpMetrics: Vert.x's built tags and looked meters up on every request.
        options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
                .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
                .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
                .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME)));
        return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry));
    }

    /** The registry, for binders and the scrape endpoint. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Reports a number read when scraped, such as the open streams. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /** Counts observations and batches taken by ingest, by outcome. */
    public void ingested(int observations, String outcome) {
        Counter.builder("ballast.ingest.batches").tag("outcome", outcome).description("ingest batches by outcome")
                .register(registry).increment();
        if (observations > 0) {
            Counter.builder("ballast.ingest.observations").description("observations accepted by ingest")
                    .register(registry).increment(observations);
        }
    }

    /** Counts a changed config file, by outcome: applied or refused. */
    public void configReload(String outcome) {
        Counter.builder("ballast.config.reloads").tag("outcome", outcome)
                .description("config file changes, applied or refused").register(registry).increment();
    }

    /** Records one plugin measure call that returned or threw. */
    public void measured(String plugin, Duration took) {
        Timer.builder("ballast.plugin.measure").tag("plugin", plugin).description("time of a plugin's measure call")
                .register(registry).record(took);
    }

    /** Counts one plugin failure (a throw, a timeout, an invalid reading). */
    public void pluginFailed(String plugin) {
        Counter.builder("ballast.plugin.failures").tag("plugin", plugin).description("plugin failures")
                .register(registry).increment();
    }

    /**
     * Measures how late a 100 ms timer fires on the event loop: a blocked event loop shows here first.
     */
    public void watchEventLoop(Vertx vertx) {
        var delay = new java.util.concurrent.atomic.AtomicLong();
        long period = 100;
        var last = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
        vertx.setPeriodic(period, id -> {
            long now = System.nanoTime();
            delay.set(Math.max(0, now - last.getAndSet(now) - period * 1_000_000));
        });
        gauge("ballast.event.loop.delay.seconds", "how late the last 100 ms event-loop timer fired",
                () -> delay.get() / 1e9);
    }

    /** The meter registry, as the interface the other stages bind to. */
    public MeterRegistry meters() {
        return registry;
    }
}
