package io.ballast.server.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.store.EventChange;
import io.ballast.server.store.EventStore;
import io.ballast.server.store.StoreWorkers;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Export-control events by hand: adds a batch (all or nothing), corrects or reviews one, retracts one. Each runs in one
 * transaction on a store worker; once committed, the changes go to {@code onChanged} (the stream's annotations and
 * scoring), and the returned future completes.
 */
public final class EventService {

    /** The origin of events added through the API. */
    public static final String ORIGIN = "api";

    private final EventParser parser;
    private final EventStore store;
    private final StoreWorkers workers;
    private final Consumer<List<EventChange>> onChanged;
    private final Clock clock;

    public EventService(ObjectMapper json, int maxBatch, EventStore store, StoreWorkers workers,
                        Consumer<List<EventChange>> onChanged, Clock clock) {
        this.parser = new EventParser(json, maxBatch);
        this.store = store;
        this.workers = workers;
        this.onChanged = onChanged;
        this.clock = clock;
    }

    /**
     * Adds the events of a body {@code {"events": [...]}}; fails with {@link InvalidBatchException} on bad input and
     * with {@link io.ballast.server.store.EventConflictException} when an id is taken.
     */
    public Future<List<EventChange>> add(byte[] body) {
        return workers.run(() -> changed(store.add(parser.events(body, ORIGIN, clock.instant()))));
    }

    /** Applies the fields of a body to the event {@code key}; empty when there is no such event. */
    public Future<Optional<EventChange>> correct(String key, byte[] body) {
        return workers.run(() -> {
            Optional<EventChange> change = store.update(key, stored -> parser.correct(stored, body, clock.instant()));
            change.ifPresent(c -> changed(List.of(c)));
            return change;
        });
    }

    /** Retracts the event {@code key}; empty when there is no such event. */
    public Future<Optional<EventChange>> retract(String key) {
        return workers.run(() -> {
            Optional<EventChange> change = store.retract(key, clock.instant());
            change.ifPresent(c -> changed(List.of(c)));
            return change;
        });
    }

    private List<EventChange> changed(List<EventChange> changes) {
        if (!changes.isEmpty()) {
            onChanged.accept(changes);
        }
        return changes;
    }
}
