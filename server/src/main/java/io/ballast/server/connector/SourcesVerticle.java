package io.ballast.server.connector;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.Connectors;
import io.ballast.server.config.Startup;
import io.ballast.server.ingest.Inbox;
import io.ballast.server.outbound.Outbound;
import io.ballast.server.store.EventChange;
import io.ballast.server.store.EventStore;
import io.ballast.server.store.ObservationStore;
import io.ballast.server.store.StoreWorkers;
import io.ballast.server.store.VintageResult;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pull sources on their schedules: the inbox scan (file I/O and the import's transaction on a store worker)
 * and, when enabled, the World Bank and Federal Register connectors (HTTP on this verticle's event loop, the store on
 * the store workers). A run or scan never overlaps the previous one of its source; observations they store go to
 * {@code onStored}, events to {@code onEvents}.
 */
public final class SourcesVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(SourcesVerticle.class);

    private final BallastConfig config;
    private final ObservationStore store;
    private final StoreWorkers workers;
    private final ObjectMapper json;
    private final Outbound outbound;
    private final Predicate<String> knownRegion;
    private final Predicate<String> knownSeries;
    private final Consumer<VintageResult> onStored;
    private final EventStore events;
    private final Consumer<List<EventChange>> onEvents;
    private final SourceStatus status;
    private final AtomicBoolean scanning = new AtomicBoolean();
    private final AtomicBoolean fetching = new AtomicBoolean();
    private final AtomicBoolean reading = new AtomicBoolean();
    private Inbox inbox;
    private WorldBankConnector connector;
    private FederalRegisterConnector federalRegister;

    public SourcesVerticle(BallastConfig config, ObservationStore store, EventStore events, StoreWorkers workers,
                           ObjectMapper json, Outbound outbound, Predicate<String> knownRegion,
                           Predicate<String> knownSeries, Consumer<VintageResult> onStored,
                           Consumer<List<EventChange>> onEvents, SourceStatus status) {
        this.events = events;
        this.onEvents = onEvents;
        this.outbound = outbound;
        this.status = status;
        this.config = config;
        this.store = store;
        this.workers = workers;
        this.json = json;
        this.knownRegion = knownRegion;
        this.knownSeries = knownSeries;
        this.onStored = onStored;
    }

    @Override
    public Future<?> start() {
        inbox = new Inbox(config.ingest().inbox(), store, knownRegion, knownSeries, onStored, Clock.systemUTC());
        vertx.setPeriodic(config.ingest().inboxScanMs(), id -> scanInbox());
        Connectors.WorldBank worldBank = config.connectors().worldBank();
        if (worldBank.enabled()) {
            List<String> regions = worldBank.regions().isEmpty()
                    ? config.regions().stream().map(BallastConfig.Region::code).toList() : worldBank.regions();
            var client = new WorldBankClient(outbound, worldBank, json);
            connector = new WorldBankConnector(client, store, workers, worldBank.indicators(), regions,
                    worldBank.baseUrl(), onStored);
            LOG.info("World Bank connector: {} every {} s, {} × {}", worldBank.baseUrl(),
                    worldBank.intervalSeconds(), worldBank.indicators().isEmpty() ? "the catalogue's WDI series"
                            : worldBank.indicators(), regions);
            fetchWorldBank();
            vertx.setPeriodic(worldBank.intervalSeconds() * 1000L, id -> fetchWorldBank());
        }
        Connectors.FederalRegister register = config.connectors().federalRegister();
        if (register.enabled()) {
            List<String> regions = config.regions().stream().map(BallastConfig.Region::code).toList();
            federalRegister = new FederalRegisterConnector(new FederalRegisterClient(outbound, register, json),
                    regions, events, workers, onEvents, Clock.systemUTC(), register.sinceDate(),
                    register.lookbackDays(), register.fullText());
            LOG.info("Federal Register connector: {} every {} s, rules published from {}", register.baseUrl(),
                    register.intervalSeconds(), register.since());
            readFederalRegister();
            vertx.setPeriodic(register.intervalSeconds() * 1000L, id -> readFederalRegister());
        }
        return Future.succeededFuture();
    }

    private void readFederalRegister() {
        if (!reading.compareAndSet(false, true)) {
            return;
        }
        federalRegister.run().onComplete(done -> {
            reading.set(false);
            EventRunReport report = done.result();
            if (report.offline() != null) {
                status.failed("federalregister", "unreachable: " + report.offline());
                LOG.warn("Federal Register API unreachable, keeping the stored events; next try in {} s: {}",
                        config.connectors().federalRegister().intervalSeconds(), report.offline());
            } else {
                if (report.failures().isEmpty()) {
                    status.succeeded("federalregister");
                } else {
                    status.failed("federalregister", report.failures().size() + " failed, e.g. "
                            + report.failures().get(0));
                }
                LOG.info("Federal Register run: {}", report.summary());
            }
        });
    }

    private void scanInbox() {
        if (!scanning.compareAndSet(false, true)) {
            return;
        }
        workers.run(inbox::scan).onComplete(done -> {
            scanning.set(false);
            if (done.failed()) {
                status.failed("inbox", done.cause().toString());
                LOG.error("Scanning the inbox {} failed: {}", inbox.folder(), done.cause().toString());
            } else {
                status.succeeded("inbox");
            }
        });
    }

    private void fetchWorldBank() {
        if (!fetching.compareAndSet(false, true)) {
            return;
        }
        connector.run().onComplete(done -> {
            fetching.set(false);
            RunReport report = done.result();
            if (report.offline() != null) {
                status.failed("worldbank", "unreachable: " + report.offline());
                LOG.warn("World Bank API unreachable, keeping the stored data; next try in {} s: {}",
                        config.connectors().worldBank().intervalSeconds(), report.offline());
            } else {
                if (report.failures().isEmpty()) {
                    status.succeeded("worldbank");
                } else {
                    status.failed("worldbank", report.failures().size() + " series failed, e.g. "
                            + report.failures().get(0));
                }
                LOG.info("World Bank run: {}", report.summary());
            }
        });
    }

}
