package io.ballast.server.connector;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * One series of one region as the World Bank API holds it: the vintage, the indicator's name, every non-null value and
 * how many gaps (null values) were left out. {@code unchanged} means the vintage was already stored, so only the first
 * page was read and {@code points} is empty.
 */
public record FetchedSeries(String region, String indicator, @Nullable String vintage, @Nullable String name,
                            List<WorldBankPage.Point> points, int gaps, boolean unchanged) {

    public FetchedSeries {
        points = List.copyOf(points);
    }
}
