package io.ballast.server.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.connector.SourceException.Kind;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code documents.json} answer: {@code {count, total_pages, next_page_url, results: [{document_number,
 * title, type, abstract, publication_date, effective_on, html_url, raw_text_url, agencies: [{slug, name}],
 * citation}]}}, or the API's error object {@code {errors: {...}}} / {@code {status, message}}. A result without a
 * number, title or publication date makes the page unreadable: nothing of it is used.
 */
final class FederalRegisterFormat {

    private final ObjectMapper json;

    FederalRegisterFormat(ObjectMapper json) {
        this.json = json;
    }

    FederalRegisterPage parse(String what, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new SourceException(Kind.MALFORMED, what + ": the answer is not JSON ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new SourceException(Kind.MALFORMED, what + ": the answer is not a JSON object");
        }
        if (root.has("errors") || root.has("message") && !root.has("results")) {
            throw new SourceException(Kind.REFUSED, what + ": the API refused the query: "
                    + (root.has("errors") ? root.get("errors") : root.get("message")));
        }
        JsonNode count = root.get("count");
        if (count == null || !count.canConvertToInt() || count.asInt() < 0) {
            throw new SourceException(Kind.MALFORMED, what + ": the answer has no count");
        }
        JsonNode results = root.get("results");
        if (count.asInt() > 0 && (results == null || !results.isArray())) {
            throw new SourceException(Kind.MALFORMED, what + ": the answer counts " + count.asInt()
                    + " documents but has no results");
        }
        List<FederalRegisterDocument> documents = new ArrayList<>();
        if (results != null && results.isArray()) {
            for (int i = 0; i < results.size(); i++) {
                documents.add(document(what + ", results[" + i + "]", results.get(i)));
            }
        }
        String next = text(root, "next_page_url");
        return new FederalRegisterPage(count.asInt(), root.path("total_pages").asInt(0), Optional.ofNullable(next),
                documents);
    }

    private static FederalRegisterDocument document(String what, JsonNode node) {
        String number = text(node, "document_number");
        String title = text(node, "title");
        LocalDate published = date(what, node, "publication_date");
        if (number == null || title == null || published == null) {
            throw new SourceException(Kind.MALFORMED, what + ": a document needs document_number, title "
                    + "and publication_date");
        }
        List<String> agencies = new ArrayList<>();
        for (JsonNode agency : node.path("agencies")) {
            String slug = agency.isTextual() ? agency.asText() : text(agency, "slug");
            agencies.add(slug != null ? slug : String.valueOf(text(agency, "name")));
        }
        String html = text(node, "html_url");
        return new FederalRegisterDocument(number, title, Optional.ofNullable(text(node, "type")).orElse(""),
                Optional.ofNullable(text(node, "abstract")), published,
                Optional.ofNullable(date(what, node, "effective_on")),
                html != null ? html : "https://www.federalregister.gov/d/" + number,
                Optional.ofNullable(text(node, "raw_text_url")), agencies,
                Optional.ofNullable(text(node, "citation")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isTextual() || value.asText().isBlank() ? null
                : value.asText().strip();
    }

    private static LocalDate date(String what, JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new SourceException(Kind.MALFORMED, what + "." + field + ": not a date: " + value);
        }
    }
}
