package io.ballast.server.connector;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One result of the Federal Register's {@code documents.json}: its number, title, type ({@code Rule}, {@code Notice},
 * ...), abstract, publication and effective dates, links (the document's page, its plain text), agencies and citation.
 */
public record FederalRegisterDocument(String documentNumber, String title, String type, Optional<String> abstractText,
                                      LocalDate publicationDate, Optional<LocalDate> effectiveOn, String htmlUrl,
                                      Optional<String> rawTextUrl, List<String> agencies, Optional<String> citation) {

    public FederalRegisterDocument {
        agencies = List.copyOf(agencies);
    }
}
