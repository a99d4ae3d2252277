package io.ballast.server.connector;

import io.ballast.server.connector.FederalRegisterMapping.Mapped;
import io.ballast.server.connector.FederalRegisterMapping.Outcome;
import io.ballast.server.store.ControlEvent;
import io.ballast.server.store.EventChange;
import io.ballast.server.store.EventStore;
import io.ballast.server.store.StoreWorkers;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the Federal Register connector: lists the Bureau of Industry and Security's rules published since the
 * last successful run (less a look-back), skips documents already held (by document number, whoever stored them, or
 * retracted), maps the others (reading the full text where the abstract does not say enough) and adds their events
 * on the store workers; what it added goes to {@code onChanged}. When the API cannot be reached nothing changes.
 */
public final class FederalRegisterConnector {

    private static final Logger LOG = LoggerFactory.getLogger(FederalRegisterConnector.class);

    private final FederalRegisterClient client;
    private final FederalRegisterMapping mapping;
    private final EventStore store;
    private final StoreWorkers workers;
    private final Consumer<List<EventChange>> onChanged;
    private final Clock clock;
    private final boolean fullText;
    private final int lookbackDays;
    private LocalDate since;

    public FederalRegisterConnector(FederalRegisterClient client, List<String> regions, EventStore store,
                                    StoreWorkers workers, Consumer<List<EventChange>> onChanged, Clock clock,
                                    LocalDate since, int lookbackDays, boolean fullText) {
        this.client = client;
        this.mapping = new FederalRegisterMapping(regions);
        this.store = store;
        this.workers = workers;
        this.onChanged = onChanged;
        this.clock = clock;
        this.since = since;
        this.lookbackDays = lookbackDays;
        this.fullText = fullText;
    }

    private static final class Tally {
        int documents;
        int held;
        int notExportControl;
        int corrections;
        final List<ControlEvent> events = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        String offline;
    }

    /** Runs once; never fails: what went wrong is in the report. Call it on a Vert.x context, one run at a time. */
    public Future<EventRunReport> run() {
        long started = System.nanoTime();
        LocalDate today = LocalDate.now(clock);
        Tally tally = new Tally();
        return client.documents(since, today)
                .compose(listing -> {
                    tally.failures.addAll(listing.problems());
                    return workers.run(this::held).compose(held -> map(unique(listing.documents()), held, tally));
                })
                .compose(v -> tally.events.isEmpty() ? Future.succeededFuture(List.<EventChange>of())
                        : workers.run(() -> store.addAbsent(tally.events)))
                .map(changes -> {
                    if (!changes.isEmpty()) {
                        onChanged.accept(changes);
                    }
                    if (tally.failures.isEmpty()) {
                        LocalDate next = today.minusDays(lookbackDays);
                        since = next.isAfter(since) ? next : since;
                    }
                    return changes.size();
                })
                .recover(e -> {
                    if (e instanceof SourceException f && f.kind() == SourceException.Kind.OFFLINE) {
                        tally.offline = f.getMessage();
                    } else {
                        tally.failures.add(e.getMessage());
                    }
                    return Future.succeededFuture(0);
                })
                .map(added -> new EventRunReport(tally.documents, added, tally.held, tally.notExportControl,
                        tally.corrections, (int) tally.events.stream().filter(ControlEvent::needsReview).count(),
                        tally.failures, tally.offline, Duration.ofNanos(System.nanoTime() - started)));
    }

    /** The publication date the next run reads from. */
    public LocalDate since() {
        return since;
    }

    private static List<FederalRegisterDocument> unique(List<FederalRegisterDocument> documents) {
        Map<String, FederalRegisterDocument> out = new LinkedHashMap<>();
        documents.forEach(d -> out.putIfAbsent(d.documentNumber(), d));
        return List.copyOf(out.values());
    }

    /** Blocking: whether a document number is held already, by any origin, or was retracted. */
    private Predicate<String> held() {
        List<ControlEvent> stored = store.all();
        Set<String> retracted = store.retractedKeys();
        return number -> {
            String key = "fr-" + number;
            return stored.stream().anyMatch(e -> e.key().equals(key) || e.key().startsWith(key + "-")
                    || e.source().contains(number)) || retracted.stream()
                    .anyMatch(k -> k.equals(key) || k.startsWith(key + "-"));
        };
    }

    /** Maps every document from its title and abstract; those that need their full text are read one by one. */
    private Future<Void> map(List<FederalRegisterDocument> documents, Predicate<String> held, Tally tally) {
        List<FederalRegisterDocument> needText = new ArrayList<>();
        for (FederalRegisterDocument doc : documents) {
            tally.documents++;
            if (held.test(doc.documentNumber())) {
                tally.held++;
                continue;
            }
            Mapped m = mapping.map(doc, Optional.empty(), !fullText || doc.rawTextUrl().isEmpty(), clock.instant());
            if (m.outcome() == Outcome.NEEDS_FULL_TEXT) {
                needText.add(doc);
            } else {
                record(doc, m, tally);
            }
        }
        return withText(needText, 0, tally);
    }

    private Future<Void> withText(List<FederalRegisterDocument> documents, int index, Tally tally) {
        if (index >= documents.size()) {
            return Future.succeededFuture();
        }
        FederalRegisterDocument doc = documents.get(index);
        return client.fullText(doc.rawTextUrl().orElseThrow(), doc.documentNumber())
                .map(text -> mapping.map(doc, Optional.of(text), true, clock.instant()))
                .transform(done -> {
                    if (done.succeeded()) {
                        record(doc, done.result(), tally);
                        return Future.<Void>succeededFuture();
                    }
                    Throwable e = done.cause();
                    if (e instanceof SourceException f
                            && f.kind() == SourceException.Kind.OFFLINE) {
                        return Future.<Void>failedFuture(e);
                    }
                    // the document is left for the next run, which reads it again
                    tally.failures.add(e.getMessage());
                    LOG.warn("Federal Register {} not mapped: {}", doc.documentNumber(), e.getMessage());
                    return Future.<Void>succeededFuture();
                })
                .compose(v -> withText(documents, index + 1, tally));
    }

    private static void record(FederalRegisterDocument doc, Mapped m, Tally tally) {
        switch (m.outcome()) {
            case EVENTS -> tally.events.addAll(m.events());
            case CORRECTION -> tally.corrections++;
            default -> tally.notExportControl++;
        }
        LOG.debug("Federal Register {}: {} ({})", doc.documentNumber(), m.outcome(), m.reason());
    }
}
