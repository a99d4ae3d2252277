package io.ballast.server;

import io.ballast.server.config.LiveConfig;
import io.ballast.server.connector.SourceStatus;
import io.ballast.server.connector.SourcesVerticle;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.ingest.EventService;
import io.ballast.server.ingest.IngestService;
import io.ballast.server.score.ScoreService;
import io.ballast.server.store.Cell;
import io.ballast.server.store.EventChange;
import io.ballast.server.store.VintageResult;
import io.ballast.server.stream.EventAnnotations;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Part of start-up stage 5, once the database is open: what feeds scoring. The ingest services behind
 * {@code POST /api/v1/observations} and the events API, and the pull sources (the WDI inbox, the World Bank and
 * Federal Register connectors) on their schedules; whatever they store refreshes the series documents and queues the
 * changed cells for scoring, the same way. A changed export-control event goes to open dashboards as an annotation
 * first, then as the scores it moved.
 */
record Ingest(IngestService service, EventService events, SourceStatus sources) {

    static Future<Ingest> start(Platform platform, Store store, Plugins plugins, ScoreService scoring, Streams streams,
                                LiveConfig live) {
        var config = live.get().startup();
        Predicate<String> knownRegion = r -> live.reloadable().region(r).isPresent();
        Predicate<String> knownSeries = code -> store.series().inCatalogue(code) || readByPlugin(plugins.host(), code);
        var service = new IngestService(platform.json(), knownRegion, knownSeries, config.ingest().maxBatch(),
                store.database().observations(), store.workers(), cells -> {
                    store.series().invalidate(cells.stream().map(Cell::region).collect(Collectors.toSet()));
                    scoring.schedule(cells);
                });
        Consumer<VintageResult> sourced = result -> {
            result.catalogued().forEach(store.series()::addToCatalogue);
            store.series().invalidate(result.regions());
            scoring.schedule(result.changed());
        };
        var annotations = new EventAnnotations(streams.events(), platform.json(), knownRegion);
        Consumer<List<EventChange>> eventsChanged = changes -> {
            annotations.announce(changes);
            Set<Cell> cells = new LinkedHashSet<>();
            changes.forEach(c -> c.cells().stream().filter(cell -> knownRegion.test(cell.region()))
                    .forEach(cells::add));
            scoring.schedule(cells);
        };
        var events = new EventService(platform.json(), config.ingest().maxBatch(), store.database().events(),
                store.workers(), eventsChanged, Clock.systemUTC());
        var sources = new SourceStatus();
        return platform.vertx().deployVerticle(new SourcesVerticle(live.get(), store.database().observations(),
                        store.database().events(), store.workers(), platform.json(), platform.outbound(), knownRegion,
                        knownSeries, sourced, eventsChanged, sources))
                .map(id -> new Ingest(service, events, sources));
    }

    private static boolean readByPlugin(PluginHost plugins, String code) {
        return plugins.all().stream().anyMatch(p -> p.descriptor().inputs().contains(code));
    }
}
