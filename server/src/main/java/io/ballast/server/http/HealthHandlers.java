package io.ballast.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.api.Health;
import io.ballast.server.connector.SourceStatus;
import io.ballast.server.indicator.LoadedPlugin;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.indicator.PluginState;
import io.ballast.server.score.ScoringStatus;
import io.ballast.server.store.DatabaseHealth;
import io.ballast.server.stream.StreamGate;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code /health/live} (the process answers) and {@code /health/ready}: the database answered its last probe (when
 * not, {@code databaseReason} says why; {@code OPENING} while a start from a panel snapshot already serves reads), at
 * least one started plugin says it is healthy (its {@code checkHealth}, on a plugin thread with the measure time
 * limit), and the last scoring pass succeeded ({@code scoring.from} says whether the scores served are still a
 * snapshot's or were computed from the database).
 */
public final class HealthHandlers {

    /** What readiness asks once the database is open. */
    public record Backend(DatabaseHealth database, SourceStatus sources, ScoringStatus scoring) {
    }

    private final Deferred<Backend> backend;
    private final PluginHost plugins;
    private final Measurer measurer;
    private final StreamGate streams;
    private final ObjectMapper json;
    private final Supplier<Map<String, Object>> cluster;

    /** {@code cluster}: the members this node sees and whether their plugin sets match; empty on a single node. */
    public HealthHandlers(Deferred<Backend> backend, PluginHost plugins, Measurer measurer, StreamGate streams,
                          ObjectMapper json, Supplier<Map<String, Object>> cluster) {
        this.backend = backend;
        this.cluster = cluster;
        this.plugins = plugins;
        this.measurer = measurer;
        this.streams = streams;
        this.json = json;
    }

    void live(RoutingContext ctx) {
        Json.send(ctx, json, Map.of("status", "UP"));
    }

    void ready(RoutingContext ctx) {
        List<LoadedPlugin> started = plugins.started();
        Map<String, CompletableFuture<Health>> health = new LinkedHashMap<>();
        started.forEach(p -> health.put(p.id(), measurer.health(p)));
        Future<Void> checked = Future.fromCompletionStage(CompletableFuture.allOf(health.values()
                .toArray(CompletableFuture[]::new)), ctx.vertx().getOrCreateContext());
        checked.onComplete(done -> answer(ctx, health));
    }

    private void answer(RoutingContext ctx, Map<String, CompletableFuture<Health>> health) {
        Optional<Backend> open = backend.now();
        Map<String, String> unhealthy = new LinkedHashMap<>();
        health.forEach((id, h) -> {
            if (!h.join().healthy()) {
                unhealthy.put(id, h.join().detail());
            }
        });
        long healthy = health.size() - unhealthy.size();
        Map<String, Object> plugin = new LinkedHashMap<>();
        plugin.put("started", health.size());
        plugin.put("healthy", healthy);
        plugin.put("total", plugins.all().size());
        plugin.put("failed", plugins.all().stream().filter(p -> p.state() == PluginState.FAILED)
                .map(LoadedPlugin::id).toList());
        plugin.put("unhealthy", unhealthy);
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean databaseUp = database(checks, open);
        checks.put("plugins", plugin);
        checks.put("streams", streams.open());
        // a source that cannot be reached keeps the data it has: reported here, but not a reason to stop serving
        checks.put("sources", open.map(b -> sources(b.sources())).orElse(Map.of()));
        checks.put("scoring", scoring(open.map(Backend::scoring)));
        Map<String, Object> members = cluster.get();
        if (!members.isEmpty()) { // a plugin-set mismatch is reported here and as a metric, not a reason to stop
            checks.put("cluster", members);
        }
        boolean up = databaseUp && healthy > 0 && open.map(b -> b.scoring().healthy()).orElse(true);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", checks);
        ctx.response().setStatusCode(up ? 200 : 503);
        Json.send(ctx, json, body);
    }

    /**
     * The database's check; answers whether it lets the server be ready: UP, or OPENING while a start from a panel
     * snapshot serves reads (requests that need it wait), or DOWN with the reason.
     */
    private boolean database(Map<String, Object> checks, Optional<Backend> open) {
        if (open.isEmpty()) {
            Optional<Throwable> failure = backend.failure();
            checks.put("database", failure.isPresent() ? "DOWN" : "OPENING");
            failure.ifPresent(e -> checks.put("databaseReason", "it could not be opened: " + e.getMessage()));
            return failure.isEmpty();
        }
        DatabaseHealth.Status db = open.get().database().status();
        checks.put("database", db.up() ? "UP" : "DOWN");
        if (!db.up()) {
            checks.put("databaseReason", db.reason() + " (since " + db.since() + ")");
        }
        return db.up();
    }

    /**
     * UP unless the last scoring pass failed (scores may then be stale until the next change rescores them); from
     * "snapshot" while a start serves the documents kept at the last clean stop and its database still opens, then
     * "database".
     */
    private static Map<String, Object> scoring(Optional<ScoringStatus> status) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", status.map(ScoringStatus::healthy).orElse(true) ? "UP" : "DOWN");
        out.put("from", status.isPresent() ? "database" : "snapshot");
        out.put("failures", status.map(ScoringStatus::failures).orElse(0L));
        status.flatMap(ScoringStatus::last).ifPresent(f -> {
            out.put("lastFailure", f.at().toString());
            out.put("lastError", f.what());
        });
        return out;
    }

    private static Map<String, Object> sources(SourceStatus sources) {
        Map<String, Object> out = new LinkedHashMap<>();
        sources.all().forEach((name, st) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lastAttempt", st.lastAttempt().toString());
            m.put("lastSuccess", st.lastSuccess().map(Object::toString).orElse(null));
            st.lastError().ifPresent(e -> m.put("lastError", e));
            out.put(name, m);
        });
        return out;
    }
}
