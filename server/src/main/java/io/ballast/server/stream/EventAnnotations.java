package io.ballast.server.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.store.ControlEvent;
import io.ballast.server.store.EventChange;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Tells open dashboards of an added, corrected or retracted export-control event: one SSE event {@code event} per
 * economy the event counted against before or counts against now, {@code {"action": "added" | "changed" |
 * "retracted", "region", "event"}}, the event in the shape of {@code GET /api/v1/events}. For an economy no longer
 * among its targets the action is {@code retracted} (its chart loses the annotation), for one new among them
 * {@code added}.
 */
public final class EventAnnotations {

    /** The SSE event name. */
    public static final String EVENT = "event";

    private final ScoreEvents events;
    private final ObjectMapper json;
    private final Predicate<String> configured;

    public EventAnnotations(ScoreEvents events, ObjectMapper json, Predicate<String> configured) {
        this.events = events;
        this.json = json;
        this.configured = configured;
    }

    /** Announces each change to the streams of the configured economies it touches. */
    public void announce(List<EventChange> changes) {
        for (EventChange change : changes) {
            for (String region : change.regions()) {
                if (!configured.test(region)) {
                    continue;
                }
                boolean there = change.after().map(e -> e.targets().contains(region)).orElse(false);
                boolean was = change.before().map(e -> e.targets().contains(region)).orElse(false);
                String action = !there ? "retracted" : was ? "changed" : "added";
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("action", action);
                body.put("region", region);
                body.put("event", describe(change.latest()));
                try {
                    events.announce(region, EVENT, Buffer.buffer(json.writeValueAsBytes(body)));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("cannot serialise event " + change.key(), e);
                }
            }
        }
    }

    /** An event as the API shows it. */
    public static Map<String, Object> describe(ControlEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.key());
        m.put("date", e.date().toString());
        m.put("jurisdiction", e.jurisdiction());
        m.put("targets", e.targets());
        m.put("type", e.type());
        m.put("direction", e.direction());
        m.put("scope", e.scope());
        m.put("entities", e.entities());
        // v1's field: entities a tightening added (a relaxation or suspension adds none)
        m.put("entitiesAdded", e.direction().equals("tighten") ? e.entities() : null);
        m.put("title", e.title());
        m.put("source", e.source());
        m.put("note", e.note());
        m.put("origin", e.origin());
        m.put("needsReview", e.needsReview());
        return m;
    }
}
