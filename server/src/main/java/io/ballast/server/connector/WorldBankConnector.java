package io.ballast.server.connector;

import io.ballast.server.store.NewObservation;
import io.ballast.server.store.ObservationStore;
import io.ballast.server.store.SeriesRow;
import io.ballast.server.store.SeriesVintage;
import io.ballast.server.store.StoreWorkers;
import io.ballast.server.store.VintageBatch;
import io.ballast.server.store.VintageResult;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the World Bank connector: every configured indicator of every configured region, one request at a time.
 * A vintage already stored is skipped after its first page; a new one replaces the series in that region through
 * {@link ObservationStore#replaceSeries} on the store workers, and the result goes to {@code onStored} (the series
 * cache and scoring). A failed series is reported and the others go on; when the API cannot be reached the run stops
 * and the stored data stays as it is.
 */
public final class WorldBankConnector {

    private static final Logger LOG = LoggerFactory.getLogger(WorldBankConnector.class);
    static final String SOURCE = "World Bank, World Development Indicators";

    private final WorldBankClient client;
    private final ObservationStore store;
    private final StoreWorkers workers;
    private final List<String> indicators;
    private final List<String> regions;
    private final String origin;
    private final Consumer<VintageResult> onStored;

    /**
     * @param indicators the WDI codes to fetch; empty means the World Development Indicators series of the catalogue
     * @param regions    ISO3 codes
     */
    public WorldBankConnector(WorldBankClient client, ObservationStore store, StoreWorkers workers,
                              List<String> indicators, List<String> regions, String baseUrl,
                              Consumer<VintageResult> onStored) {
        this.client = client;
        this.store = store;
        this.workers = workers;
        this.indicators = List.copyOf(indicators);
        this.regions = List.copyOf(regions);
        this.origin = "World Bank API v2 (" + baseUrl + ")";
        this.onStored = onStored;
    }

    private record Plan(List<String[]> pairs, Map<String, String> stored) {
    }

    private static final class Tally {
        int updated;
        int unchanged;
        int older;
        int empty;
        int observations;
        final List<String> failures = new ArrayList<>();
        String offline;
    }

    /** Runs once; never fails: what went wrong is in the report. Call it on a Vert.x context. */
    public Future<RunReport> run() {
        long started = System.nanoTime();
        Tally tally = new Tally();
        return workers.run(this::plan)
                .compose(plan -> step(plan, 0, tally).map(v -> plan.pairs().size()))
                .recover(e -> {
                    tally.failures.add("the run failed: " + e.getMessage());
                    return Future.succeededFuture(0);
                })
                .map(pairs -> new RunReport(pairs, tally.updated, tally.unchanged, tally.older, tally.empty,
                        tally.observations, tally.failures, tally.offline,
                        Duration.ofNanos(System.nanoTime() - started)));
    }

    /** Blocking: which pairs to fetch, and the vintages stored now. */
    private Plan plan() {
        List<String> codes = indicators;
        if (codes.isEmpty()) {
            codes = store.allSeries().stream()
                    .filter(s -> s.source() != null && s.source().contains("World Development Indicators"))
                    .map(SeriesRow::code).sorted().toList();
        }
        List<String[]> pairs = new ArrayList<>();
        for (String code : codes) {
            for (String region : regions) {
                pairs.add(new String[] {code, region});
            }
        }
        Map<String, String> stored = new HashMap<>();
        for (SeriesVintage v : store.vintages()) {
            stored.put(v.series() + '@' + v.region(), v.vintage());
        }
        return new Plan(pairs, stored);
    }

    private Future<Void> step(Plan plan, int index, Tally tally) {
        if (index >= plan.pairs().size() || tally.offline != null) {
            return Future.succeededFuture();
        }
        String code = plan.pairs().get(index)[0];
        String region = plan.pairs().get(index)[1];
        String held = plan.stored().get(code + '@' + region);
        return client.fetch(region, code, vintage -> vintage.equals(held))
                .compose(series -> store(series, tally))
                .recover(e -> {
                    if (e instanceof SourceException w && w.kind() == SourceException.Kind.OFFLINE) {
                        tally.offline = w.getMessage();
                    } else {
                        tally.failures.add(e.getMessage());
                        LOG.warn("World Bank {}/{} not updated: {}", region, code, e.getMessage());
                    }
                    return Future.succeededFuture();
                })
                .compose(v -> step(plan, index + 1, tally));
    }

    private Future<Void> store(FetchedSeries series, Tally tally) {
        if (series.unchanged()) {
            tally.unchanged++;
            return Future.succeededFuture();
        }
        if (series.points().isEmpty()) {
            // An empty answer never wipes what is stored: a source that lost a series is more likely a glitch.
            tally.empty++;
            return Future.succeededFuture();
        }
        String code = series.indicator();
        List<NewObservation> rows = series.points().stream()
                .map(p -> new NewObservation(series.region(), code, p.year(), p.value(), null, series.vintage()))
                .toList();
        SeriesRow catalogue = new SeriesRow(code, series.name() == null ? code : truncate(series.name(), 300), null,
                SOURCE, "https://data.worldbank.org/indicator/" + code, "CC BY 4.0", null,
                "catalogued by the World Bank connector");
        VintageBatch batch = new VintageBatch(series.region(), code, series.vintage(), origin, rows, catalogue);
        return workers.run(() -> store.replaceSeries(List.of(batch))).map(result -> {
            switch (result.outcomes().get(0)) {
                case OLDER -> tally.older++;
                case SAME -> tally.unchanged++;
                case NEW -> {
                    tally.updated++;
                    tally.observations += rows.size();
                    LOG.info("World Bank {}/{}: vintage {} stored ({} values, {} gaps left out, {} cells changed)",
                            series.region(), code, series.vintage(), rows.size(), series.gaps(),
                            result.changed().size());
                }
            }
            onStored.accept(result);
            return null;
        });
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
