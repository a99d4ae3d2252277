package io.ballast.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks of one field of a hand-sent event each: reads the JSON value, or adds a problem naming the field's path to
 * {@code errors} and answers null. Also makes an event's key from its title when none is given.
 */
final class EventFields {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,199}");
    private static final Pattern ECONOMY = Pattern.compile("[A-Z]{3}");

    private EventFields() {
    }

    /** A key from the title like the bundled file's: the date and the title's first words, lower case. */
    static String slug(String title) {
        String[] words = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip().split(" ");
        String joined = String.join("-", java.util.Arrays.copyOf(words, Math.min(words.length, 8)));
        return joined.isEmpty() ? "event" : joined.length() > 150 ? joined.substring(0, 150) : joined;
    }

    static LocalDate date(JsonNode node, String at, List<String> errors) {
        if (node == null || node.isNull() || !node.isTextual()) {
            errors.add(at + ": must be a date YYYY-MM-DD" + (node == null ? " (missing)" : ", not " + node));
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(node.asText());
            if (date.getYear() < 1900 || date.getYear() > 2100) {
                errors.add(at + ": must be from 1900 to 2100, not " + node.asText());
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            errors.add(at + ": must be a date YYYY-MM-DD, not " + node);
            return null;
        }
    }

    static String economy(JsonNode node, String at, List<String> errors) {
        if (node == null || node.isNull() || !node.isTextual()
                || !ECONOMY.matcher(node.asText().strip().toUpperCase(Locale.ROOT)).matches()) {
            errors.add(at + ": must be an ISO 3166-1 alpha-3 code such as USA" + (node == null ? " (missing)"
                    : ", not " + node));
            return null;
        }
        return node.asText().strip().toUpperCase(Locale.ROOT);
    }

    static List<String> targets(JsonNode node, String at, List<String> errors) {
        if (node == null || node.isNull() || !node.isArray()) {
            errors.add(at + ": must be an array of ISO 3166-1 alpha-3 codes such as [\"CHN\"]" + (node == null
                    ? " (missing)" : ", not " + node));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String code = economy(node.get(i), at + "[" + i + "]", errors);
            if (code != null && !out.contains(code)) {
                out.add(code);
            }
        }
        return out;
    }

    static String word(JsonNode node, String at, Set<String> allowed, List<String> errors) {
        if (node == null || node.isNull() || !node.isTextual() || !allowed.contains(node.asText())) {
            errors.add(at + ": must be one of " + String.join(", ", allowed.stream().sorted().toList())
                    + (node == null ? " (missing)" : ", not " + node));
            return null;
        }
        return node.asText();
    }

    static Integer entities(JsonNode node, String at, List<String> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0 || node.asInt() > 100_000) {
            errors.add(at + ": must be a whole number of entities from 0 to 100000, or null when unknown, not "
                    + node);
            return null;
        }
        return node.asInt();
    }

    static String text(JsonNode node, String at, int max, boolean required, List<String> errors) {
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(at + ": missing");
            }
            return null;
        }
        if (!node.isTextual() || (required && node.asText().isBlank()) || node.asText().length() > max) {
            errors.add(at + ": must be a " + (required ? "non-empty " : "") + "text of at most " + max
                    + " characters");
            return null;
        }
        return node.asText().isBlank() ? null : node.asText().strip();
    }

    static String source(JsonNode node, String at, List<String> errors) {
        String text = text(node, at, 1000, true, errors);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (uri.getScheme() != null && Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null) {
                return text;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        errors.add(at + ": must be an http or https link to the action's document, not '" + text + "'");
        return null;
    }
}
