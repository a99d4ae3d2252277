package io.ballast.server.connector;

import java.util.List;
import java.util.Optional;

/**
 * One page of {@code documents.json}: how many documents match the query in all ({@code count}), how many pages
 * that makes, the next page's address (absent on the last), and this page's documents.
 */
public record FederalRegisterPage(int count, int totalPages, Optional<String> nextPageUrl,
                                  List<FederalRegisterDocument> results) {

    public FederalRegisterPage {
        results = List.copyOf(results);
    }
}
