package io.ballast.server.connector;

import java.util.List;

/**
 * One page of a World Bank API v2 answer: its paging meta, the vintage ({@code lastupdated}) and indicator name, the
 * non-null values, and how many rows it held (gaps included), to check the pages add up to {@code total}. The
 * vintage and the name are null when the answer has none.
 */
public record WorldBankPage(int page, int pages, int perPage, int total, String lastUpdated,
                            String indicatorName, List<Point> points, int rows) {

    public WorldBankPage {
        points = List.copyOf(points);
    }

    /** One annual value. */
    public record Point(int year, double value) {
    }
}
