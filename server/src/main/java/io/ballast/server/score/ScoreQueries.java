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
import io.vertx.core.Future;
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
    private final Supplier<Optional<UncertaintyResult>> uncertainty;
    private final java.util.function.BooleanSupplier uncertaintyOn;
    private final Map<String, List<Alert>> alerts = new ConcurrentHashMap<>();
    private final Cache<String, Optional<Buffer>> latest = Caffeine.newBuilder().maximumSize(10_000).recordStats()
            .build();
    private final Cache<HistoryKey, Buffer> history = Caffeine.newBuilder().maximumSize(50_000).recordStats().build();
    private volatile Ranks ranks = new Ranks(-1, Map.of());

    private record HistoryKey(String region, String indicator, int from, int to) {
    }

    /** The ranks of every year, as of one panel version. */
    private record Ranks(long version, Map<Integer, Map<String, Rank>> byYear) {
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
        this.uncertainty = uncertainty;
        this.uncertaintyOn = uncertaintyOn;
    }

    /** A region's sensitivity document: the Sobol indices of each choice for its latest composite. */
    public Optional<Buffer> sensitivity(String region) {
        Optional<UncertaintyResult> result = uncertainty.get();
        ObjectNode doc = json.createObjectNode();
        doc.put("region", region);
        doc.put("status", status(result));
        if (result.isEmpty()) {
            return Optional.of(write(doc));
        }
        UncertaintyResult r = result.get();
        UncertaintyResult.Sensitivity s = r.sensitivity().get(region);
        if (s == null) {
            return Optional.empty();
        }
        doc.put("period", s.year());
        doc.put("samples", r.samples());
        doc.put("rows", s.rows());
        number(doc, "variance", s.variance());
        ArrayNode indices = doc.putArray("indices");
        for (var e : s.effects()) {
            ObjectNode item = indices.addObject();
            item.put("choice", e.factor());
            number(item, "first", e.first());
            number(item, "total", e.total());
        }
        r.cell(region, s.year()).ifPresent(cell -> doc.set("band", band(cell.composite())));
        doc.put("computedAt", r.computedAt().toString());
        return Optional.of(write(doc));
    }

    private String status(Optional<UncertaintyResult> result) {
        return result.isPresent() ? "done" : uncertaintyOn.getAsBoolean() ? "pending" : "off";
    }

    private ObjectNode band(io.ballast.server.score.uncertainty.Band b) {
        ObjectNode node = json.createObjectNode();
        number(node, "p5", b.p5());
        number(node, "p50", b.p50());
        number(node, "p95", b.p95());
        node.put("defined", b.defined());
        node.put("draws", b.draws());
        return node;
    }

    private ObjectNode rankInterval(io.ballast.server.score.uncertainty.RankInterval r, int of) {
        ObjectNode node = json.createObjectNode();
        if (r.isDefined()) {
            node.put("best", r.p5());
            node.put("median", r.p50());
            node.put("worst", r.p95());
        } else {
            node.putNull("best");
            node.putNull("median");
            node.putNull("worst");
        }
        node.put("of", of);
        node.put("ranked", r.ranked());
        node.put("draws", r.draws());
        return node;
    }

    /** A number, or null for NaN (JSON has no NaN). */
    private static void number(ObjectNode node, String name, double value) {
        if (Double.isNaN(value)) {
            node.putNull(name);
        } else {
            node.put(name, Numbers.round(value, 4));
        }
    }

    /** The composite's band, rank interval and sub-index bands of one region-year, when the analysis covers it. */
    private void uncertaintyOf(ObjectNode node, String region, int year) {
        uncertainty.get().flatMap(r -> r.cell(region, year)).ifPresent(cell -> {
            node.set("band", band(cell.composite()));
            node.set("rankInterval", rankInterval(cell.rank(), cell.of()));
            ObjectNode sides = node.putObject("subindexBands");
            sides.set("vulnerability", band(cell.vulnerability()));
            sides.set("capacity", band(cell.capacity()));
        });
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
        return Future.succeededFuture(latest.get(region, this::buildLatest));
    }

    /** One indicator's (or the composite's) history document. */
    public Future<Buffer> history(String region, String indicator, int from, int to) {
        return Future.succeededFuture(history.get(new HistoryKey(region, indicator, from, to), this::buildHistory));
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
        rankOf(year).forEach((region, rank) -> {
            ObjectNode item = list.addObject();
            item.put("region", region);
            item.setAll((ObjectNode) json.valueToTree(rank));
        });
        return write(doc);
    }

    /**
     * After a recompute: evaluates every configured region's alerts, rebuilds its latest document, drops the cached
     * histories, and returns the new documents by region. Called from the scoring worker only.
     */
    Map<String, Optional<Buffer>> refreshAll() {
        history.invalidateAll();
        Map<String, Optional<Buffer>> out = new LinkedHashMap<>();
        for (String region : regions()) {
            alerts.put(region, new AlertRules(config.get().alerts().rules()).evaluate(region, panel.years(region)));
            Optional<Buffer> doc = buildLatest(region);
            latest.put(region, doc);
            out.put(region, doc);
        }
        return out;
    }

    private List<String> regions() {
        return config.get().regions().stream().map(BallastConfig.Region::code).toList();
    }

    private Map<String, Rank> rankOf(int year) {
        Ranks current = ranks;
        long version = panel.version();
        if (current.version() != version) {
            current = new Ranks(version, new ConcurrentHashMap<>());
            ranks = current;
        }
        BallastConfig c = config.get();
        return current.byYear().computeIfAbsent(year, y -> Ranking.of(y, regions(), panel, Aggregation.of(c),
                c.scoring().missing().minInputCoverage()));
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
            node.set("rank", json.valueToTree(rankOf(period).get(region)));
            uncertaintyOf(node, region, period);
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
        ObjectNode analysis = doc.putObject("uncertainty");
        Optional<UncertaintyResult> result = uncertainty.get();
        analysis.put("status", status(result));
        result.ifPresent(r -> {
            analysis.put("samples", r.samples());
            analysis.put("draws", r.draws());
            analysis.put("computedAt", r.computedAt().toString());
        });
        return Optional.of(write(doc));
    }

    private Buffer buildHistory(HistoryKey key) {
        ObjectNode doc = json.createObjectNode();
        doc.put("region", key.region());
        doc.put("indicator", key.indicator());
        doc.put("from", key.from());
        doc.put("to", key.to());
        ArrayNode points = doc.putArray("points");
        ArrayNode withheld = json.createArrayNode();
        boolean composite = key.indicator().equals(COMPOSITE);
        for (YearScores y : panel.years(key.region())) {
            if (y.period() < key.from() || y.period() > key.to()) {
                continue;
            }
            if (composite) {
                point(points, withheld, y.period(), y.composite().score(), y.composite().coverage(),
                        y.composite().change(), y.composite().withheld(), node -> {
                            if (!y.composite().warnings().isEmpty()) {
                                node.set("warnings", json.valueToTree(y.composite().warnings()));
                            }
                            node.set("rank", json.valueToTree(rankOf(y.period()).get(key.region())));
                            uncertaintyOf(node, key.region(), y.period());
                        });
            } else {
                y.indicators().stream().filter(s -> s.id().equals(key.indicator())).findFirst().ifPresent(s ->
                        point(points, withheld, y.period(), s.score(), s.coverage(), s.change(), s.withheld(),
                                node -> {
                                    if (!s.basket().carried().isEmpty()) {
                                        node.set("carried", json.valueToTree(s.basket().carried()));
                                    }
                                }));
            }
        }
        doc.set("withheld", withheld);
        return write(doc);
    }

    private void point(ArrayNode points, ArrayNode withheld, int period, Double score, double coverage, Change change,
                       String reason, java.util.function.Consumer<ObjectNode> more) {
        if (score == null) {
            ObjectNode gap = withheld.addObject();
            gap.put("period", period);
            gap.put("reason", reason);
            return;
        }
        ObjectNode node = points.addObject();
        node.put("period", period);
        node.put("score", score);
        node.put("coverage", coverage);
        if (change != null) {
            node.set("change", json.valueToTree(change));
        }
        more.accept(node);
    }

    private Buffer write(ObjectNode doc) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(doc));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a scores document", e);
        }
    }
}
