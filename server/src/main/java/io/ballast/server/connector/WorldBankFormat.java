package io.ballast.server.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.connector.SourceException.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the World Bank API v2 JSON answer: {@code [meta, observations]}, where meta has page, pages, per_page (a
 * number, or a text in some answers), total and lastupdated, and each observation a year in {@code date} and a
 * {@code value} that is null for a gap. Also knows the error shape {@code [{"message":[{id, key, value}]}]}, which
 * comes with HTTP 200. Anything else is refused with a message naming the request and what was wrong.
 */
final class WorldBankFormat {

    private static final Pattern YEAR = Pattern.compile("\\d{4}");

    private final ObjectMapper json;

    WorldBankFormat(ObjectMapper json) {
        this.json = json;
    }

    /** Parses one page; {@code what} names the request in messages, such as "CHN/NE.TRD.GNFS.ZS page 2". */
    WorldBankPage parse(String region, String indicator, String what, byte[] body) {
        JsonNode root = read(what, body);
        JsonNode meta = root.get(0);
        int page = count(meta, "page", what);
        int pages = count(meta, "pages", what);
        int perPage = count(meta, "per_page", what);
        int total = count(meta, "total", what);
        JsonNode updated = meta.get("lastupdated");
        String lastUpdated = updated == null || updated.isNull() || updated.asText().isBlank() ? null
                : updated.asText().strip();
        JsonNode data = root.get(1);
        if (data.isNull()) {
            return new WorldBankPage(page, pages, perPage, total, lastUpdated, null, List.of(), 0);
        }
        if (!data.isArray()) {
            throw malformed(what, "the observations (second element) are neither an array nor null");
        }
        List<WorldBankPage.Point> points = new ArrayList<>();
        String name = null;
        for (int i = 0; i < data.size(); i++) {
            JsonNode row = data.get(i);
            point(region, indicator, what + ": observation " + i, row).ifPresent(points::add);
            if (name == null && row.path("indicator").path("value").isTextual()) {
                name = row.path("indicator").path("value").asText();
            }
        }
        return new WorldBankPage(page, pages, perPage, total, lastUpdated, name, points, data.size());
    }

    /** The answer as the two-element array {@code [meta, observations]}, or the reason it is not one. */
    private JsonNode read(String what, byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            String reason = String.valueOf(e.getOriginalMessage()).replaceAll("(?s)\\s*\\(start marker at .*", "");
            throw malformed(what, "the answer is not valid JSON (" + reason.strip()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()) + ")");
        } catch (IOException e) {
            throw malformed(what, "the answer could not be read (" + e.getMessage() + ")");
        }
        if (root == null || root.isMissingNode()) {
            throw malformed(what, "the answer is empty");
        }
        if (!root.isArray()) {
            throw malformed(what, "the answer is not the JSON array [meta, observations]");
        }
        if (root.size() >= 1 && root.get(0).has("message")) {
            throw new SourceException(Kind.REFUSED, what + ": the World Bank API refused the request: "
                    + messages(root.get(0).get("message")));
        }
        if (root.size() != 2 || !root.get(0).isObject()) {
            throw malformed(what, "the answer is not the two-element array [meta, observations] but has "
                    + root.size() + " element" + (root.size() == 1 ? "" : "s"));
        }
        return root;
    }

    /** One observation: its year and value, empty for a gap; {@code at} names it in messages. */
    private static Optional<WorldBankPage.Point> point(String region, String indicator, String at, JsonNode row) {
        if (!row.isObject()) {
            throw new SourceException(Kind.MALFORMED, at + " is not an object");
        }
        JsonNode id = row.path("indicator").path("id");
        if (id.isTextual() && !id.asText().equalsIgnoreCase(indicator)) {
            throw new SourceException(Kind.MALFORMED, at + " is of indicator " + id.asText() + ", not " + indicator);
        }
        String iso3 = row.path("countryiso3code").asText("");
        if (!iso3.isEmpty() && !iso3.toUpperCase(Locale.ROOT).equals(region)) {
            throw new SourceException(Kind.MALFORMED, at + " is of country " + iso3 + ", not " + region);
        }
        String date = row.path("date").asText("");
        if (!YEAR.matcher(date).matches()) {
            throw new SourceException(Kind.MALFORMED, at + " has date '" + date + "', not a year: only annual "
                    + "series are supported");
        }
        JsonNode value = row.get("value");
        if (value == null || value.isNull()) {
            return Optional.empty(); // a gap: never stored, never zero
        }
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw new SourceException(Kind.MALFORMED, at + " (" + date + ") has value " + value
                    + ", not a finite number or null");
        }
        return Optional.of(new WorldBankPage.Point(Integer.parseInt(date), value.asDouble()));
    }

    /** A meta count: a whole number, or a text holding one (per_page comes as "50" in some answers). */
    private static int count(JsonNode meta, String field, String what) {
        JsonNode n = meta.get(field);
        if (n != null && n.isIntegralNumber() && n.canConvertToInt() && n.asInt() >= 0) {
            return n.asInt();
        }
        if (n != null && n.isTextual() && n.asText().strip().matches("\\d{1,9}")) {
            return Integer.parseInt(n.asText().strip());
        }
        throw malformed(what, "meta." + field + " is " + (n == null ? "missing" : n.toString())
                + ", not a whole number");
    }

    private static String messages(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(m -> out.add((m.path("id").asText("?") + " " + m.path("key").asText("") + ": "
                    + m.path("value").asText("")).strip()));
        }
        return out.isEmpty() ? "no reason given" : String.join("; ", out);
    }

    private static SourceException malformed(String what, String detail) {
        return new SourceException(Kind.MALFORMED, what + ": " + detail);
    }
}
