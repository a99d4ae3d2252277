package io.ballast.server.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Series documents (metadata and points of one region), pre-serialised and cached; ingest invalidates a region. */
public final class SeriesQueries {

    private final ObservationStore store;
    private final StoreWorkers workers;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final AsyncCache<Key, Optional<Buffer>> cache = Caffeine.newBuilder().maximumSize(10_000).recordStats().buildAsync();
    private final Set<String> catalogue = ConcurrentHashMap.newKeySet();

    private record Key(String code, String region) {
    }

    public SeriesQueries(ObservationStore store, StoreWorkers workers, ObjectMapper json, Vertx vertx) {
        this.store = store;
        this.workers = workers;
        this.json = json;
        this.vertx = vertx;
    }

    /** Reports the cache's hits, misses and size as {@code cache_*} meters named ballast.series. */
    public void bindMetrics(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, cache, "ballast.series");
    }

    /** Loads the series catalogue into memory. Blocks: call it at start-up, off the event loop. */
    public void loadCatalogue() {
        store.allSeries().forEach(s -> catalogue.add(s.code()));
    }

    /** Adds a series a source has just catalogued. */
    public void addToCatalogue(String code) {
        catalogue.add(code);
    }

    /** Whether the catalogue describes this series. */
    public boolean inCatalogue(String code) {
        return catalogue.contains(code);
    }

    /** The series document, or empty when the series is neither catalogued nor observed in the region. */
    public Future<Optional<Buffer>> series(String code, String region) {
        CompletableFuture<Optional<Buffer>> cf = cache.get(new Key(code, region), (key, executor) ->
                workers.run(() -> load(key)).toCompletionStage().toCompletableFuture());
        return Future.fromCompletionStage(cf, vertx.getOrCreateContext());
    }

    /** Drops a region's cached documents after its observations changed. */
    public void invalidate(Set<String> regions) {
        cache.synchronous().asMap().keySet().removeIf(k -> regions.contains(k.region()));
    }

    private Optional<Buffer> load(Key key) throws Exception {
        Optional<SeriesRow> info = store.seriesInfo(key.code());
        List<ObservationRow> rows = store.series(key.region(), key.code());
        Optional<SeriesVintage> regional = store.vintage(key.code(), key.region());
        // The vintage a source recorded for this region wins over the catalogue's vintage of the series.
        String vintage = regional.map(SeriesVintage::vintage).orElse(info.map(SeriesRow::vintage).orElse(null));
        if (info.isEmpty() && rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("code", key.code());
        doc.put("region", key.region());
        doc.put("name", info.map(SeriesRow::name).orElse(null));
        doc.put("unit", info.map(SeriesRow::unit).orElse(null));
        doc.put("source", info.map(SeriesRow::source).orElse(null));
        doc.put("sourceUrl", info.map(SeriesRow::sourceUrl).orElse(null));
        doc.put("licence", info.map(SeriesRow::licence).orElse(null));
        doc.put("vintage", vintage);
        doc.put("vintageOrigin", regional.map(SeriesVintage::origin).orElse(null));
        doc.put("notes", info.map(SeriesRow::notes).orElse(null));
        doc.put("points", rows.stream().map(r -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("period", r.period());
            p.put("value", r.value());
            if (r.source() != null) {
                p.put("source", r.source());
            }
            if (r.vintage() != null && !r.vintage().equals(vintage)) {
                p.put("vintage", r.vintage());
            }
            return p;
        }).toList());
        return Optional.of(Buffer.buffer(json.writeValueAsBytes(doc)));
    }
}
