package io.ballast.server.ingest;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A World Bank WDI bulk file as read: its "Last Updated Date" (absent in the country variant, which has no preamble)
 * and one row per country and indicator, with the values by year (gaps left out).
 */
public record WdiFile(Optional<String> lastUpdated, List<Row> rows) {

    public WdiFile {
        rows = List.copyOf(rows);
    }

    /** One country's values of one indicator; {@code line} is where the row starts in the file (1-based). */
    public record Row(long line, String countryName, String countryCode, String indicatorName, String indicatorCode,
                      SortedMap<Integer, Double> values) {
    }
}
