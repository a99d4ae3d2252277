package io.ballast.server.connector;

import java.util.List;

/**
 * One series of one region as the World Bank API holds it: the vintage, the indicator's name, every non-null value and
 * how many gaps (null values) were left out. {@code unchanged} means the vintage was already stored, so only the first
 * page was read and {@code points} is empty. {@code vintage} and {@code name} are null when the source gave none.
 */
public record FetchedSeries(String region, String indicator, String vintage, String name,
                            List<WorldBankPage.Point> points, int gaps, boolean unchanged) {

    public FetchedSeries {
        points = List.copyOf(points);
    }
}
