package io.ballast.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.store.ControlEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads export-control events sent by hand: {@code {"events": [{...}]}} to add, one partial object to correct. Every
 * field is checked and every problem reported with its JSON path, so one answer says everything to fix; the fields and
 * their words are those of the bundled {@code events.csv}.
 */
final class EventParser {

    /** The kinds of action the control-pressure input knows (docs/methodology.md). */
    static final Set<String> TYPES = Set.of("entity-listing", "authorisation-revocation", "country-rule",
            "product-control", "white-list-removal", "white-list-restoration", "framework-law",
            "investment-screening", "app-ban");
    static final Set<String> DIRECTIONS = Set.of("tighten", "relax", "suspend");
    static final Set<String> SCOPES = Set.of("targeted", "all-importers", "all-destinations");
    private static final Set<String> EDITABLE = Set.of("date", "jurisdiction", "targets", "type", "direction", "scope",
            "entities", "title", "source", "note", "needsReview");
    private static final Set<String> FIELDS = union(EDITABLE, Set.of("id"));
    private static final int MAX_ERRORS = 50;

    private final ObjectMapper json;
    private final int maxBatch;

    EventParser(ObjectMapper json, int maxBatch) {
        this.json = json;
        this.maxBatch = maxBatch;
    }

    /** The events of a POST body, each from {@code origin} as of {@code at}. */
    List<ControlEvent> events(byte[] body, String origin, Instant at) {
        JsonNode root = readTree(body, "{\"events\": [...]}");
        if (!root.isObject()) {
            throw InvalidBatchException.malformed("the body must be a JSON object {\"events\": [...]}");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals("events")) {
                throw InvalidBatchException.malformed("unknown field '" + field + "': the body holds only \"events\"");
            }
        }
        JsonNode items = root.get("events");
        if (items == null || !items.isArray()) {
            throw InvalidBatchException.malformed("\"events\" must be an array of events");
        }
        if (items.isEmpty() || items.size() > maxBatch) {
            throw new InvalidBatchException(false, "\"events\" must hold 1 to " + maxBatch + " events, not "
                    + items.size(), List.of());
        }
        List<String> errors = new ArrayList<>();
        List<ControlEvent> out = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at0 = "events[" + i + "]";
            ControlEvent e = item(items.get(i), at0, origin, at, errors);
            if (e != null && !ids.add(e.key())) {
                errors.add(at0 + ".id: '" + e.key() + "' occurs twice in the request");
            }
            out.add(e);
        }
        fail(errors, "nothing was stored");
        return out;
    }

    /** {@code stored} with the fields of a PATCH body applied; the result is checked whole. */
    ControlEvent correct(ControlEvent stored, byte[] body, Instant at) {
        JsonNode patch = readTree(body, "an object of the fields to change");
        if (!patch.isObject()) {
            throw InvalidBatchException.malformed("the body must be a JSON object of the fields to change");
        }
        List<String> errors = new ArrayList<>();
        if (patch.isEmpty()) {
            errors.add("the body names no field to change; send one or more of " + String.join(", ",
                    EDITABLE.stream().sorted().toList()));
        }
        if (patch.has("id") && !patch.get("id").asText().equals(stored.key())) {
            errors.add("id: an event's id cannot change; retract it and add it anew");
        }
        var merged = json.createObjectNode();
        merged.put("id", stored.key());
        merged.put("date", stored.date().toString());
        merged.put("jurisdiction", stored.jurisdiction());
        stored.targets().forEach(merged.putArray("targets")::add);
        merged.put("type", stored.type());
        merged.put("direction", stored.direction());
        merged.put("scope", stored.scope());
        if (stored.entities() != null) {
            merged.put("entities", stored.entities());
        }
        merged.put("title", stored.title());
        merged.put("source", stored.source());
        if (stored.note() != null) {
            merged.put("note", stored.note());
        }
        merged.put("needsReview", stored.needsReview());
        patch.fields().forEachRemaining(f -> merged.set(f.getKey(), f.getValue()));
        ControlEvent out = item(merged, "", stored.origin(), at, errors);
        fail(errors, "nothing was changed");
        return out;
    }

    private static void fail(List<String> errors, String outcome) {
        if (!errors.isEmpty()) {
            int total = errors.size();
            List<String> shown = errors.subList(0, Math.min(total, MAX_ERRORS));
            throw new InvalidBatchException(false, total + " problem" + (total == 1 ? "" : "s") + ", " + outcome
                    + ": " + shown.get(0) + (total > 1 ? " (see errors for the rest)" : ""), shown);
        }
    }

    private ControlEvent item(JsonNode node, String at, String origin, Instant now, List<String> errors) {
        String prefix = at.isEmpty() ? "" : at + ".";
        if (!node.isObject()) {
            errors.add(at + ": must be an object {date, jurisdiction, targets, type, direction, scope, entities?, "
                    + "title, source, note?, needsReview?, id?}");
            return null;
        }
        int before = errors.size();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                errors.add(prefix + field + ": unknown field; an event has " + String.join(", ",
                        FIELDS.stream().sorted().toList()));
            }
        }
        LocalDate date = EventFields.date(node.get("date"), prefix + "date", errors);
        String jurisdiction = EventFields.economy(node.get("jurisdiction"), prefix + "jurisdiction", errors);
        List<String> targets = EventFields.targets(node.get("targets"), prefix + "targets", errors);
        String type = EventFields.word(node.get("type"), prefix + "type", TYPES, errors);
        String direction = EventFields.word(node.get("direction"), prefix + "direction", DIRECTIONS, errors);
        String scope = EventFields.word(node.get("scope"), prefix + "scope", SCOPES, errors);
        if ("targeted".equals(scope) && targets != null && targets.isEmpty()) {
            errors.add(prefix + "targets: a targeted action names at least one economy it targets");
        }
        Integer entities = EventFields.entities(node.get("entities"), prefix + "entities", errors);
        String title = EventFields.text(node.get("title"), prefix + "title", 1000, true, errors);
        String source = EventFields.source(node.get("source"), prefix + "source", errors);
        String note = EventFields.text(node.get("note"), prefix + "note", 4000, false, errors);
        JsonNode review = node.get("needsReview");
        if (review != null && !review.isNull() && !review.isBoolean()) {
            errors.add(prefix + "needsReview: must be true or false, not " + review);
        }
        JsonNode idNode = node.get("id");
        String id = null;
        if (idNode != null && !idNode.isNull()) {
            id = idNode.isTextual() ? idNode.asText().strip() : null;
            if (id == null || !EventFields.ID.matcher(id).matches()) {
                errors.add(prefix + "id: must be lower-case letters, digits, '.', '_' or '-' (at most 200), not "
                        + idNode);
            }
        }
        if (errors.size() > before) {
            return null;
        }
        if (id == null) {
            id = date + "-" + EventFields.slug(title);
        }
        return new ControlEvent(id, date, jurisdiction, targets, type, direction, scope, entities, title, source,
                note, origin, review != null && review.asBoolean(), now);
    }

    private JsonNode readTree(byte[] body, String shape) {
        if (body == null || body.length == 0) {
            throw InvalidBatchException.malformed("the body is empty: send " + shape + " as JSON");
        }
        try {
            JsonNode root = json.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw InvalidBatchException.malformed("the body is empty: send " + shape + " as JSON");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw InvalidBatchException.malformed("the body is not valid JSON: " + e.getOriginalMessage()
                    .replaceAll("\\s*at \\[Source:.*", "").strip());
        } catch (IOException e) {
            throw InvalidBatchException.malformed("the body could not be read: " + e.getMessage());
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }
}
