package io.ballast.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.store.NewObservation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads {@code {"observations":[{region, series, period, value, source?, vintage?}]}} strictly: every item is checked
 * and every problem is reported with the item's index, so one request tells the client everything to fix.
 */
final class ObservationParser {

    private static final Set<String> FIELDS = Set.of("region", "series", "period", "value", "source", "vintage");
    private static final int MAX_ERRORS = 50;
    private static final int MAX_SOURCE = 1000;
    private static final int MAX_VINTAGE = 200;

    private final ObjectMapper json;
    private final Predicate<String> knownRegion;
    private final Predicate<String> knownSeries;
    private final int maxBatch;

    ObservationParser(ObjectMapper json, Predicate<String> knownRegion, Predicate<String> knownSeries, int maxBatch) {
        this.json = json;
        this.knownRegion = knownRegion;
        this.knownSeries = knownSeries;
        this.maxBatch = maxBatch;
    }

    List<NewObservation> parse(byte[] body) {
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw InvalidBatchException.malformed("the body must be a JSON object {\"observations\": [...]}");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals("observations")) {
                throw InvalidBatchException.malformed("unknown field '" + field + "': the body holds only "
                        + "\"observations\"");
            }
        }
        JsonNode items = root.get("observations");
        if (items == null || !items.isArray()) {
            throw InvalidBatchException.malformed("\"observations\" must be an array of observations");
        }
        if (items.isEmpty()) {
            throw new InvalidBatchException(false, "\"observations\" is empty: send at least one observation",
                    List.of());
        }
        if (items.size() > maxBatch) {
            throw new InvalidBatchException(false, "the batch holds " + items.size() + " observations; at most "
                    + maxBatch + " are accepted per request: split it", List.of());
        }
        List<NewObservation> out = new ArrayList<>(items.size());
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            NewObservation o = item(items.get(i), "observations[" + i + "]", errors);
            if (o != null) {
                out.add(o);
            }
        }
        if (!errors.isEmpty()) {
            int total = errors.size();
            List<String> shown = errors.subList(0, Math.min(total, MAX_ERRORS));
            throw new InvalidBatchException(false, total + " problem" + (total == 1 ? "" : "s") + " in the batch, "
                    + "nothing was stored: " + shown.get(0) + (total > 1 ? " (see errors for the rest)" : ""), shown);
        }
        return out;
    }

    private JsonNode readTree(byte[] body) {
        if (body == null || body.length == 0) {
            throw InvalidBatchException.malformed("the body is empty: send {\"observations\": [...]} as JSON");
        }
        try {
            JsonNode root = json.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw InvalidBatchException.malformed("the body is empty: send {\"observations\": [...]} as JSON");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw InvalidBatchException.malformed("the body is not valid JSON: " + plain(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw InvalidBatchException.malformed("the body could not be read: " + e.getMessage());
        }
    }

    /** Jackson's message without its parser internals ("start marker at [Source: …]"). */
    private static String plain(String message) {
        return message.replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "")
                .replaceAll("\\s*at \\[Source:.*", "").strip();
    }

    private NewObservation item(JsonNode node, String at, List<String> errors) {
        if (!node.isObject()) {
            errors.add(at + ": must be an object {region, series, period, value, source?, vintage?}");
            return null;
        }
        int before = errors.size();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                errors.add(at + "." + field + ": unknown field; an observation has region, series, period, value "
                        + "and optionally source and vintage");
            }
        }
        String region = text(node, "region", at, errors);
        // exactly three ASCII letters, any case: no blanks around it, and no letter that only upper-cases to ASCII
        // (a dotless 'ı' would become 'I')
        region = region != null && region.matches("[A-Za-z]{3}") ? region.toUpperCase(java.util.Locale.ROOT) : region;
        if (region != null && !knownRegion.test(region)) {
            errors.add(at + ".region: '" + region + "' is not a configured region");
        }
        String series = text(node, "series", at, errors);
        if (series != null && !knownSeries.test(series)) {
            errors.add(at + ".series: '" + series + "' is not a known series (neither in the catalogue nor read by "
                    + "a loaded indicator)");
        }
        JsonNode period = node.get("period");
        if (period == null || period.isNull()) {
            errors.add(at + ".period: missing; give the year as a whole number such as 2024");
        } else if (!period.isIntegralNumber() || !period.canConvertToInt()
                || period.asInt() < 1900 || period.asInt() > 2100) {
            errors.add(at + ".period: must be a year from 1900 to 2100 as a whole number, not " + period);
        }
        JsonNode value = node.get("value");
        if (value == null || value.isNull()) {
            errors.add(at + ".value: missing; a gap is sent by leaving the observation out, not as null");
        } else if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            errors.add(at + ".value: must be a finite number, not " + value);
        }
        JsonNode source = node.get("source");
        if (source != null && !source.isNull() && (!source.isTextual() || source.asText().length() > MAX_SOURCE)) {
            errors.add(at + ".source: must be a text of at most " + MAX_SOURCE + " characters");
        }
        JsonNode vintage = node.get("vintage");
        if (vintage != null && !vintage.isNull() && (!vintage.isTextual() || vintage.asText().length() > MAX_VINTAGE)) {
            errors.add(at + ".vintage: must be a text of at most " + MAX_VINTAGE + " characters, such as the source's "
                    + "release date 2026-04-08");
        }
        if (errors.size() > before) {
            return null;
        }
        return new NewObservation(region, series, period.asInt(), value.asDouble(), optionalText(source),
                optionalText(vintage));
    }

    private static String optionalText(JsonNode node) {
        return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }

    private static String text(JsonNode node, String field, String at, List<String> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            errors.add(at + "." + field + ": missing");
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            errors.add(at + "." + field + ": must be a non-empty text, not " + value);
            return null;
        }
        return value.asText();
    }
}
