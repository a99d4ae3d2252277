package io.ballast.server.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.store.Cell;
import io.ballast.server.store.NewObservation;
import io.ballast.server.store.ObservationStore;
import io.ballast.server.store.StoreWorkers;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Takes a batch of observations: validates every item, stores the batch all-or-nothing in one transaction on a
 * worker, and hands the changed cells on (to scoring). The returned future completes once the batch is committed.
 */
public final class IngestService {

    private final ObservationParser parser;
    private final ObservationStore store;
    private final StoreWorkers workers;
    private final Consumer<Set<Cell>> onChanged;

    public IngestService(ObjectMapper json, Predicate<String> knownRegion, Predicate<String> knownSeries,
                         int maxBatch, ObservationStore store, StoreWorkers workers, Consumer<Set<Cell>> onChanged) {
        this.parser = new ObservationParser(json, knownRegion, knownSeries, maxBatch);
        this.store = store;
        this.workers = workers;
        this.onChanged = onChanged;
    }

    /**
     * Parses and validates a request body without storing it (a scenario's hypothetical observations); fails with
     * {@link InvalidBatchException} on bad input, exactly as {@link #ingest} would.
     */
    public Future<List<NewObservation>> validate(byte[] body) {
        return workers.run(() -> parser.parse(body));
    }

    /** Parses, validates and stores a request body; fails with {@link InvalidBatchException} on bad input. */
    public Future<IngestResult> ingest(byte[] body) {
        return workers.run(() -> {
            List<NewObservation> batch = parser.parse(body);
            Set<Cell> changed = store.upsert(batch);
            if (!changed.isEmpty()) {
                onChanged.accept(changed);
            }
            return new IngestResult(batch.size(), changed.size());
        });
    }
}
