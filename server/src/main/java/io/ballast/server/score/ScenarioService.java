package io.ballast.server.score;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.store.NewObservation;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/scenarios} behind the HTTP layer: evaluates hypothetical observations on a worker of its own,
 * one scenario at a time, and answers each touched region's latest document as the scenario would leave it beside
 * the one it has now. A queue of more than {@code maxQueued} scenarios is refused rather than left to grow.
 */
public final class ScenarioService {

    private final Scenarios scenarios;
    private final ScoreQueries actual;
    private final ObjectMapper json;
    private final Supplier<BallastConfig> config;
    private final Supplier<Optional<UncertaintyRanges>> ranges;
    private final WorkerExecutor worker;
    private final int maxQueued;
    private final AtomicInteger queued = new AtomicInteger();

    /** Thrown when more scenarios wait than the service takes. */
    public static final class BusyException extends RuntimeException {
        BusyException(int queued) {
            super(queued + " scenarios are waiting", null, false, false);
        }
    }

    public ScenarioService(Scenarios scenarios, ScoreQueries actual, ObjectMapper json,
                           Supplier<BallastConfig> config, Supplier<Optional<UncertaintyRanges>> ranges,
                           WorkerExecutor worker,
                           int maxQueued) {
        this.scenarios = scenarios;
        this.actual = actual;
        this.json = json;
        this.config = config;
        this.ranges = ranges;
        this.worker = worker;
        this.maxQueued = maxQueued;
    }

    /** The scenario's answer, or a failed future ({@link BusyException} when too many wait). */
    public Future<Buffer> evaluate(List<NewObservation> hypothetical) {
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            return Future.failedFuture(new BusyException(maxQueued));
        }
        return worker.executeBlocking(() -> answer(hypothetical), true)
                .andThen(done -> queued.decrementAndGet());
    }

    private Buffer answer(List<NewObservation> hypothetical) throws IOException {
        Optional<UncertaintyRanges> r = ranges.get();
        List<Scenarios.Outcome> outcomes = scenarios.evaluate(hypothetical, r);
        ObjectNode doc = json.createObjectNode();
        r.ifPresent(used -> doc.put("samples", used.samples()));
        ArrayNode regions = doc.putArray("regions");
        if (!outcomes.isEmpty()) {
            Scenarios.Outcome first = outcomes.get(0);
            ScoreQueries projected = new ScoreQueries(first.panel(), json, config, first::uncertainty,
                    () -> first.uncertainty().isPresent());
            var documents = projected.refreshAll();
            for (Scenarios.Outcome o : outcomes) {
                ObjectNode item = regions.addObject();
                item.put("region", o.region());
                item.set("projected", tree(documents.getOrDefault(o.region(), Optional.empty())));
                item.set("actual", tree(actual.latest(o.region())));
            }
        }
        return Buffer.buffer(json.writeValueAsBytes(doc));
    }

    private com.fasterxml.jackson.databind.JsonNode tree(Optional<Buffer> document) throws IOException {
        return document.isPresent() ? json.readTree(document.get().getBytes()) : json.nullNode();
    }
}
