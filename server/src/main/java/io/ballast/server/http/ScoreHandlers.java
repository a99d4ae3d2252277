package io.ballast.server.http;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.score.ScoreQueries;
import io.vertx.ext.web.RoutingContext;
import java.time.Year;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/scores/latest}, {@code /scores/history}, {@code /scores/ranking} and {@code /sensitivity}: served
 * from the score cache.
 */
public final class ScoreHandlers {

    private final ScoreQueries scores;
    private final PluginHost plugins;
    private final Supplier<BallastConfig.Reloadable> config;
    private final JsonDocuments documents;

    public ScoreHandlers(ScoreQueries scores, PluginHost plugins, Supplier<BallastConfig.Reloadable> config,
                         JsonDocuments documents) {
        this.scores = scores;
        this.plugins = plugins;
        this.config = config;
        this.documents = documents;
    }

    void latest(RoutingContext ctx) {
        String region = QueryParams.region(ctx, config.get());
        documents.cached(ctx, scores.latest(region).orElseThrow(() -> Problem.notFound("Region " + region
                + " has no scores yet: none of the loaded indicators has data for it. Post observations of their "
                + "input series (GET /api/v1/indicators).")));
    }

    void sensitivity(RoutingContext ctx) {
        String region = QueryParams.region(ctx, config.get());
        scores.sensitivity(region).ifPresentOrElse(doc -> documents.fresh(ctx, doc), () -> {
            throw Problem.notFound("Region " + region + " has no composite in any year, so there is nothing to "
                    + "analyse; GET /api/v1/scores/latest?region=" + region + " says why.");
        });
    }

    void ranking(RoutingContext ctx) {
        var latest = scores.latestRankedYear();
        if (ctx.queryParam("year").isEmpty() && latest.isEmpty()) {
            throw Problem.notFound("No year has a composite for two or more regions yet, so there is nothing to rank.");
        }
        int year = QueryParams.year(ctx, "year", latest.orElse(0));
        documents.fresh(ctx, scores.ranking(year));
    }

    void history(RoutingContext ctx) {
        BallastConfig.Reloadable now = config.get();
        String region = QueryParams.region(ctx, now);
        String indicator = ctx.queryParam("indicator").stream().findFirst().orElse(ScoreQueries.COMPOSITE);
        if (!indicator.equals(ScoreQueries.COMPOSITE) && plugins.get(indicator).isEmpty()) {
            throw Problem.notFound("Indicator '" + indicator + "' is not loaded; use 'composite' or an id from "
                    + "GET /api/v1/indicators.");
        }
        int from = QueryParams.year(ctx, "from", now.scoring().fromYear());
        int to = QueryParams.year(ctx, "to", Year.now().getValue());
        if (from > to) {
            throw Problem.badRequest("'from' (" + from + ") must not be after 'to' (" + to + ").");
        }
        documents.cached(ctx, scores.history(region, indicator, from, to));
    }
}
