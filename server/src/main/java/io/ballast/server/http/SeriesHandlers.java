package io.ballast.server.http;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.store.SeriesQueries;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** {@code GET /api/v1/series/{code}?region=}: one input series with its provenance and points. */
public final class SeriesHandlers {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final SeriesQueries series;
    private final Supplier<BallastConfig.Reloadable> config;

    private final JsonDocuments documents;

    public SeriesHandlers(SeriesQueries series, Supplier<BallastConfig.Reloadable> config, JsonDocuments documents) {
        this.series = series;
        this.config = config;
        this.documents = documents;
    }

    void series(RoutingContext ctx) {
        String code = ctx.pathParam("code");
        if (code == null || !CODE.matcher(code).matches()) {
            throw Problem.badRequest("A series code is 1 to 64 letters, digits, dots, dashes or underscores, such "
                    + "as BX.KLT.DINV.WD.GD.ZS.");
        }
        String region = QueryParams.region(ctx, config.get());
        series.series(code, region).onSuccess(doc -> {
            if (doc.isEmpty()) {
                ctx.fail(Problem.notFound("Series '" + code + "' is unknown: it is neither in the catalogue nor "
                        + "observed for " + region + "."));
            } else {
                documents.cached(ctx, doc.get());
            }
        }).onFailure(ctx::fail);
    }
}
