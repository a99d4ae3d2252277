package io.ballast.server;

import io.ballast.server.config.LiveConfig;
import io.ballast.server.connector.SourceStatus;
import io.ballast.server.connector.SourcesVerticle;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.ingest.IngestService;
import io.ballast.server.store.Cell;
import io.ballast.server.store.VintageResult;
import io.vertx.core.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Start-up stage 5: what feeds scoring. The ingest service behind {@code POST /api/v1/observations}, and the pull
 * sources (the WDI inbox, the World Bank connector) on their schedules; whatever they store refreshes the series
 * documents and queues the changed cells for scoring, the same way.
 */
record Ingest(IngestService service, SourceStatus sources) {

    static Future<Ingest> start(Platform platform, Store store, Plugins plugins, Scoring scoring, LiveConfig live) {
        var config = live.get().startup();
        Predicate<String> knownRegion = r -> live.reloadable().region(r).isPresent();
        Predicate<String> knownSeries = code -> store.series().inCatalogue(code) || readByPlugin(plugins.host(), code);
        var service = new IngestService(platform.json(), knownRegion, knownSeries, config.ingest().maxBatch(),
                store.database().observations(), store.workers(), cells -> {
                    store.series().invalidate(cells.stream().map(Cell::region).collect(Collectors.toSet()));
                    scoring.service().schedule(cells);
                });
        Consumer<VintageResult> sourced = result -> {
            result.catalogued().forEach(store.series()::addToCatalogue);
            store.series().invalidate(result.regions());
            scoring.service().schedule(result.changed());
        };
        var sources = new SourceStatus();
        return platform.vertx().deployVerticle(new SourcesVerticle(live.get(), store.database().observations(),
                        store.workers(), platform.json(), platform.outbound(), knownRegion, knownSeries, sourced,
                        sources))
                .map(id -> new Ingest(service, sources));
    }

    private static boolean readByPlugin(PluginHost plugins, String code) {
        return plugins.all().stream().anyMatch(p -> p.descriptor().inputs().contains(code));
    }
}
