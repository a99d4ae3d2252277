package io.ballast.server.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ballast.server.config.BallastConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The read side of scores: latest documents and histories built from the in-memory {@link Panel}, serialised once
 * and cached by Caffeine, with each composite's like-for-like rank among the configured regions. A recompute refreshes
 * every region's latest document (another region's change can move a rank) and drops the cached histories.
 */
public final class ScoreQueries {

    /** The indicator name under which composite scores are stored and queried. */
    public static final String COMPOSITE = "composite";

    private final Panel panel;
    private final ObjectMapper json;
    private final Supplier<BallastConfig> config;
    private final UncertaintyDocs uncertaintyDocs;
    private final YearRanks ranks;
    private final HistoryDocuments histories;
    private final Map<String, List<Alert>> alerts = new ConcurrentHashMap<>();
    private final Cache<String, Optional<Buffer>> latest = Caffeine.newBuilder().maximumSize(10_000).recordStats()
            .build();
    private final Cache<HistoryKey, Buffer> history = Caffeine.newBuilder().maximumSize(50_000).recordStats().build();

    private record HistoryKey(String region, String indicator, int from, int to) {
    }

    /**
     * @param uncertainty the uncertainty analysis of the panel as it is now, when it is done
     * @param uncertaintyOn whether the analysis is switched on (otherwise documents say so instead of "pending")
     */
    public ScoreQueries(Panel panel, ObjectMapper json, Supplier<BallastConfig> config,
                        Supplier<Optional<UncertaintyResult>> uncertainty,
                        java.util.function.BooleanSupplier uncertaintyOn) {
        this.panel = panel;
        this.json = json;
        this.config = config;
        this.uncertaintyDocs = new UncertaintyDocs(json, uncertainty, uncertaintyOn);
        this.ranks = new YearRanks(panel, config);
        this.histories = new HistoryDocuments(panel, json, ranks, uncertaintyDocs);
    }

    /** A region's sensitivity document: the Sobol indices of each choice for its latest composite. */
    public Optional<Buffer> sensitivity(String region) {
        return uncertaintyDocs.sensitivity(region).map(this::write);
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

    /**
     * The region's latest-scores document, or empty when it has no scores yet: the same instance until the region's
     * document changes.
     */
    public Optional<Buffer> latest(String region) {
        return latest.get(region, this::buildLatest);
    }

    /** One indicator's (or the composite's) history document: the same instance until a recompute. */
    public Buffer history(String region, String indicator, int from, int to) {
        return history.get(new HistoryKey(region, indicator, from, to), this::buildHistory);
    }

    /** The latest year in which at least two configured regions have a composite, if any. */
    public Optional<Integer> latestRankedYear() {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        for (String region : regions()) {
            panel.years(region).stream().filter(y -> y.composite().scored())
                    .forEach(y -> counts.merge(y.period(), 1, Integer::sum));
        }
        return counts.entrySet().stream().filter(e -> e.getValue() >= 2).map(Map.Entry::getKey)
                .reduce((a, b) -> b);
    }

    /** Every configured region's like-for-like rank in one year, as a document. */
    public Buffer ranking(int year) {
        ObjectNode doc = json.createObjectNode();
        doc.put("year", year);
        ArrayNode list = doc.putArray("ranks");
        ranks.of(year).forEach((region, rank) -> {
            ObjectNode item = list.addObject();
            item.put("region", region);
            item.setAll((ObjectNode) json.valueToTree(rank));
        });
        return write(doc);
    }

    /**
     * A region's latest document as served before (a start answering reads from a {@link ScoreSnapshot} until the
     * first recompute from the database): served as it is until the region is next {@link #refresh}ed.
     */
    void served(String region, Buffer doc) {
        latest.put(region, Optional.of(doc));
    }

    /** After a recompute: every configured region {@link #refresh}ed; the new documents by region. */
    Map<String, Optional<Buffer>> refreshAll() {
        dropHistories();
        Map<String, Optional<Buffer>> out = new LinkedHashMap<>();
        regions().forEach(region -> out.put(region, refresh(region)));
        return out;
    }

    /** After a recompute, before the regions are {@link #refresh}ed one by one. */
    void dropHistories() {
        history.invalidateAll();
    }

    /** After a recompute, on the scoring worker: a region's alerts evaluated and its latest document rebuilt. */
    Optional<Buffer> refresh(String region) {
        alerts.put(region, new AlertRules(config.get().alerts().rules()).evaluate(region, panel.years(region)));
        Optional<Buffer> doc = buildLatest(region);
        latest.put(region, doc);
        return doc;
    }

    /** The configured regions' codes, in configuration order. */
    List<String> regions() {
        return config.get().regions().stream().map(BallastConfig.Region::code).toList();
    }

    /**
     * The latest document: the composite of the latest year that has one (with its rank), each indicator's own latest
     * reading (which may be more recent than the composite, or withheld with its reason when it never had one), and,
     * when a later year has readings but no composite, why.
     */
    private Optional<Buffer> buildLatest(String region) {
        List<YearScores> years = panel.years(region);
        Map<String, IndicatorScore> indicators = new LinkedHashMap<>();
        Optional<YearScores> composite = Optional.empty();
        Optional<YearScores> lastWithReadings = Optional.empty();
        for (YearScores y : years) {
            for (IndicatorScore s : y.indicators()) {
                IndicatorScore kept = indicators.get(s.id());
                if (s.scored() || kept == null || !kept.scored()) {
                    indicators.put(s.id(), s);
                }
            }
            if (y.composite().scored()) {
                composite = Optional.of(y);
            }
            if (y.indicators().stream().anyMatch(IndicatorScore::scored)) {
                lastWithReadings = Optional.of(y);
            }
        }
        if (lastWithReadings.isEmpty()) {
            return Optional.empty();
        }
        int period = composite.map(YearScores::period).orElse(lastWithReadings.get().period());
        ObjectNode doc = json.createObjectNode();
        doc.put("region", region);
        doc.put("period", period);
        if (composite.isPresent()) {
            ObjectNode node = json.valueToTree(composite.get().composite());
            node.set("rank", json.valueToTree(ranks.of(period).get(region)));
            uncertaintyDocs.composite(node, region, period);
            doc.set("composite", node);
        } else {
            doc.putNull("composite");
        }
        YearScores last = lastWithReadings.get();
        if (last.period() > period || composite.isEmpty()) {
            ObjectNode withheld = doc.putObject("compositeWithheld");
            withheld.put("period", last.period());
            withheld.put("reason", last.composite().withheld());
        }
        ArrayNode list = doc.putArray("indicators");
        new TreeSet<>(indicators.keySet()).forEach(id -> list.add(json.valueToTree(indicators.get(id))));
        doc.set("alerts", json.valueToTree(alerts(region)));
        uncertaintyDocs.status(doc);
        return Optional.of(write(doc));
    }

    private Buffer buildHistory(HistoryKey key) {
        return write(histories.build(key.region(), key.indicator(), key.from(), key.to()));
    }

    private Buffer write(ObjectNode doc) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a scores document", e);
        }
    }
}
