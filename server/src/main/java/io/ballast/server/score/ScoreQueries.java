package io.ballast.server.score;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.ballast.server.store.ScoreRow;
import io.ballast.server.store.ScoreStore;
import io.ballast.server.store.StoreWorkers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;

/**
 * The read side of scores: latest documents and histories, pre-serialised and cached by Caffeine. The database sees
 * a read only on a miss; a recompute refreshes a region's entries. Concurrent misses of one key share one load.
 */
public final class ScoreQueries {

    /** The indicator name under which composite scores are stored and queried. */
    public static final String COMPOSITE = "composite";

    private final ScoreStore store;
    private final StoreWorkers workers;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Supplier<List<io.ballast.server.config.BallastConfig.AlertRule>> rules;
    private final Map<String, List<Alert>> alerts = new java.util.concurrent.ConcurrentHashMap<>();
    private final AsyncCache<String, Optional<Buffer>> latest = Caffeine.newBuilder().maximumSize(10_000).recordStats().buildAsync();
    private final AsyncCache<HistoryKey, Buffer> history = Caffeine.newBuilder().maximumSize(50_000).recordStats().buildAsync();

    private record HistoryKey(String region, String indicator, int from, int to) {
    }

    public ScoreQueries(ScoreStore store, StoreWorkers workers, ObjectMapper json, Vertx vertx,
                        Supplier<List<io.ballast.server.config.BallastConfig.AlertRule>> rules) {
        this.store = store;
        this.workers = workers;
        this.json = json;
        this.vertx = vertx;
        this.rules = rules;
    }

    /** The alerts that held for a region when its latest document was last built. */
    List<Alert> alerts(String region) {
        return alerts.getOrDefault(region, List.of());
    }

    /** Reports the caches' hits, misses and sizes as {@code cache_*} meters named ballast.scores.*. */
    public void bindMetrics(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, latest, "ballast.scores.latest");
        CaffeineCacheMetrics.monitor(registry, history, "ballast.scores.history");
    }

    /** The region's latest-scores document, or empty when it has no scores yet. */
    public Future<Optional<Buffer>> latest(String region) {
        return onContext(latest.get(region, (key, executor) ->
                workers.run(() -> loadLatest(key)).toCompletionStage().toCompletableFuture()));
    }

    /** One indicator's (or the composite's) history document. */
    public Future<Buffer> history(String region, String indicator, int from, int to) {
        return onContext(history.get(new HistoryKey(region, indicator, from, to), (key, executor) ->
                workers.run(() -> loadHistory(key)).toCompletionStage().toCompletableFuture()));
    }

    /** A cached value as a Vert.x future: at once when the cache holds it (the usual case), else on this context. */
    private <T> Future<T> onContext(CompletableFuture<T> cf) {
        if (cf.isDone() && !cf.isCompletedExceptionally()) {
            return Future.succeededFuture(cf.join());
        }
        return Future.fromCompletionStage(cf, vertx.getOrCreateContext());
    }

    /**
     * After a recompute: drops the region's cached histories, reloads its latest document and returns it. Blocks on
     * the database; call it from a worker.
     */
    Optional<Buffer> refresh(String region) {
        history.synchronous().asMap().keySet().removeIf(k -> k.region().equals(region));
        Optional<Buffer> doc = loadLatest(region);
        latest.put(region, CompletableFuture.completedFuture(doc));
        return doc;
    }

    /**
     * The latest document: the composite of the latest year that has one, and each indicator's own latest reading
     * (which may be more recent than the composite, when a year has too few indicators for a composite yet).
     */
    private Optional<Buffer> loadLatest(String region) {
        Map<String, ScoreRow> latestByIndicator = new TreeMap<>();
        List<ScoreRow> all = store.ofRegion(region);
        List<Alert> fired = new AlertRules(rules.get(), json).evaluate(region, all);
        alerts.put(region, fired);
        for (ScoreRow row : all) {
            latestByIndicator.merge(row.indicator(), row, (a, b) -> a.period() >= b.period() ? a : b);
        }
        if (latestByIndicator.isEmpty()) {
            return Optional.empty();
        }
        ScoreRow composite = latestByIndicator.remove(COMPOSITE);
        int period = composite != null ? composite.period()
                : latestByIndicator.values().stream().mapToInt(ScoreRow::period).max().orElseThrow();
        return Optional.of(write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("region", region);
            gen.writeNumberField("period", period);
            gen.writeFieldName("composite");
            gen.writeRawValue(composite == null ? "null" : composite.detail());
            gen.writeArrayFieldStart("indicators");
            for (ScoreRow row : latestByIndicator.values()) {
                gen.writeRawValue(row.detail());
            }
            gen.writeEndArray();
            gen.writeFieldName("alerts");
            json.writeValue(gen, fired);
            gen.writeEndObject();
        }));
    }

    private Buffer loadHistory(HistoryKey key) {
        List<ScoreRow> rows = store.history(key.region(), key.indicator(), key.from(), key.to());
        return write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("region", key.region());
            gen.writeStringField("indicator", key.indicator());
            gen.writeNumberField("from", key.from());
            gen.writeNumberField("to", key.to());
            gen.writeArrayFieldStart("points");
            for (ScoreRow row : rows) {
                gen.writeStartObject();
                gen.writeNumberField("period", row.period());
                gen.writeNumberField("score", row.score());
                gen.writeNumberField("coverage", row.coverage());
                if (row.indicator().equals(COMPOSITE)) {
                    JsonNode warnings = json.readTree(row.detail()).path("warnings");
                    if (warnings.isArray() && !warnings.isEmpty()) {
                        gen.writeFieldName("warnings");
                        gen.writeTree(warnings);
                    }
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        });
    }

    private interface Writer {
        void write(JsonGenerator gen) throws IOException;
    }

    private Buffer write(Writer writer) {
        var out = new ByteArrayOutputStream(1024);
        try (JsonGenerator gen = json.getFactory().createGenerator(out)) {
            writer.write(gen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(out.toByteArray());
    }
}
