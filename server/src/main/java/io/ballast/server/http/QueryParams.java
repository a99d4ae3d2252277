package io.ballast.server.http;

import io.ballast.server.config.BallastConfig;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads and checks query parameters, failing with a problem that says what a valid value looks like. */
final class QueryParams {

    private static final Pattern THREE_LETTERS = Pattern.compile("[A-Za-z]{3}");

    private QueryParams() {
    }

    /** The {@code region} parameter: a configured region, the first configured one when absent. */
    static String region(RoutingContext ctx, BallastConfig.Reloadable config) {
        List<String> values = ctx.queryParam("region");
        if (values.isEmpty()) {
            return config.regions().get(0).code();
        }
        if (values.size() > 1) {
            throw Problem.badRequest("Give region once, not " + values.size() + " times.");
        }
        // exactly three ASCII letters, any case: "CHN\n" or a dotless "ınd" (which upper-cases to IND) name nothing
        String given = values.get(0);
        String region = THREE_LETTERS.matcher(given).matches() ? given.toUpperCase(java.util.Locale.ROOT) : given;
        if (config.region(region).isEmpty()) {
            throw Problem.notFound("Region '" + given.replaceAll("\\p{Cntrl}", "?") + "' is not configured; known regions: "
                    + config.regions().stream().map(BallastConfig.Region::code).collect(Collectors.joining(", "))
                    + ".");
        }
        return region;
    }

    /** A year parameter, or the default when absent. */
    static int year(RoutingContext ctx, String name, int fallback) {
        List<String> values = ctx.queryParam(name);
        if (values.isEmpty()) {
            return fallback;
        }
        try {
            int year = Integer.parseInt(values.get(0).strip());
            if (year < 1900 || year > 2100) {
                throw new NumberFormatException();
            }
            return year;
        } catch (NumberFormatException e) {
            throw Problem.badRequest("'" + name + "' must be a year from 1900 to 2100, not '" + values.get(0) + "'.");
        }
    }
}
