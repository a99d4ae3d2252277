package io.ballast.server.connector;

import java.time.Duration;
import java.util.List;

/**
 * What one Federal Register run did: documents read, events added, documents already held (or retracted), documents
 * left out as no export-control action or as corrections, events added awaiting review, and failures (each a line
 * saying why). {@code offline} holds the reason when the API could not be reached and nothing was changed; null
 * otherwise.
 */
public record EventRunReport(int documents, int added, int held, int notExportControl, int corrections,
                             int needReview, List<String> failures, String offline, Duration took) {

    public EventRunReport {
        failures = List.copyOf(failures);
    }

    /** One line for the log. */
    public String summary() {
        return documents + " documents: " + added + " events added (" + needReview + " to review), " + held
                + " already held, " + notExportControl + " not export controls, " + corrections + " corrections, "
                + failures.size() + " failed, in " + took.toMillis() + " ms";
    }
}
