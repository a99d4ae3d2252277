package io.ballast.server.connector;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.config.Connectors;
import io.ballast.server.config.Startup;
import io.ballast.server.connector.SourceException.Kind;
import io.ballast.server.outbound.Outbound;
import io.ballast.server.outbound.RetryPolicy;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one indicator of one region from the World Bank API v2 with the shared {@link Outbound} client, on the event
 * loop: pages through {@code /v2/country/{iso3}/indicator/{code}?format=json&per_page=N&page=P}, each request with a
 * connect and an idle timeout, retried with doubling backoff when it may pass (offline, timeout, HTTP 5xx or 429). The
 * pages must agree on the vintage and add up to the announced total, or the series is refused whole.
 */
public final class WorldBankClient {

    private static final Logger LOG = LoggerFactory.getLogger(WorldBankClient.class);

    private final Outbound outbound;
    private final Connectors.WorldBank settings;
    private final RetryPolicy retry;
    private final WorldBankFormat format;

    public WorldBankClient(Outbound outbound, Connectors.WorldBank settings, ObjectMapper json) {
        this.outbound = outbound;
        this.settings = settings;
        this.retry = RetryPolicy.doubling(settings.retries(), settings.backoffMs());
        this.format = new WorldBankFormat(json);
    }

    /**
     * Fetches a series. Reads page 1 first; when {@code stored} says its vintage is already held, stops there and
     * answers {@code unchanged}. Fails with a {@link SourceException}.
     */
    public Future<FetchedSeries> fetch(String region, String indicator, Predicate<String> stored) {
        return page(region, indicator, 1).compose(first -> {
            if (first.lastUpdated() != null && stored.test(first.lastUpdated())) {
                return Future.succeededFuture(new FetchedSeries(region, indicator, first.lastUpdated(),
                        first.indicatorName(), List.of(), 0, true));
            }
            List<WorldBankPage> pages = new ArrayList<>();
            pages.add(first);
            return rest(region, indicator, first, 2, pages).map(v -> assemble(region, indicator, pages));
        });
    }

    private Future<Void> rest(String region, String indicator, WorldBankPage first, int next,
                              List<WorldBankPage> pages) {
        if (next > first.pages()) {
            return Future.succeededFuture();
        }
        return page(region, indicator, next).compose(p -> {
            String what = region + "/" + indicator + " page " + next;
            if (p.page() != next) {
                return Future.failedFuture(new SourceException(Kind.MALFORMED, what + ": the answer is page "
                        + p.page()));
            }
            if (!Objects.equals(p.lastUpdated(), first.lastUpdated())) {
                return Future.failedFuture(new SourceException(Kind.TRANSIENT, what + ": the vintage changed "
                        + "from " + first.lastUpdated() + " to " + p.lastUpdated() + " while paging; the next run "
                        + "reads the new one whole"));
            }
            pages.add(p);
            return rest(region, indicator, first, next + 1, pages);
        });
    }

    private static FetchedSeries assemble(String region, String indicator, List<WorldBankPage> pages) {
        WorldBankPage first = pages.get(0);
        int rows = pages.stream().mapToInt(WorldBankPage::rows).sum();
        if (rows != first.total()) {
            throw new SourceException(Kind.MALFORMED, region + "/" + indicator + ": the pages hold " + rows
                    + " observations but the API announced " + first.total() + "; nothing was stored");
        }
        if (rows > 0 && first.lastUpdated() == null) {
            throw new SourceException(Kind.MALFORMED, region + "/" + indicator + ": the answer has no "
                    + "lastupdated, so its vintage is unknown; nothing was stored");
        }
        List<WorldBankPage.Point> points = new ArrayList<>();
        pages.forEach(p -> points.addAll(p.points()));
        String name = pages.stream().map(WorldBankPage::indicatorName).filter(Objects::nonNull)
                .findFirst().orElse(null);
        return new FetchedSeries(region, indicator, first.lastUpdated(), name, points, rows - points.size(), false);
    }

    /** One page, retried while the failure may pass and retries are left. */
    private Future<WorldBankPage> page(String region, String indicator, int page) {
        return outbound.withRetries(retry, e -> e instanceof SourceException w && w.retryable(),
                (failure, n, waitMs) -> LOG.debug("{}; retry {} of {} in {} ms", failure.getMessage(), n,
                        settings.retries(), waitMs),
                () -> once(region, indicator, page));
    }

    private Future<WorldBankPage> once(String region, String indicator, int page) {
        String what = region + "/" + indicator + " page " + page;
        String url = settings.baseUrl() + "/v2/country/" + region + "/indicator/" + indicator + "?format=json&per_page="
                + settings.perPage() + "&page=" + page;
        return outbound.web().getAbs(url)
                .connectTimeout(settings.connectTimeoutMs())
                .idleTimeout(settings.timeoutMs())
                .putHeader("Accept", "application/json")
                .send()
                .transform(done -> {
                    try {
                        return done.succeeded() ? Future.succeededFuture(answer(region, indicator, what, done.result()))
                                : Future.failedFuture(classify(what, done.cause()));
                    } catch (SourceException e) {
                        return Future.failedFuture(e);
                    }
                });
    }

    private WorldBankPage answer(String region, String indicator, String what, HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new SourceException(Kind.TRANSIENT, what + ": HTTP " + status + " from the World Bank API");
        }
        if (status != 200) {
            throw new SourceException(Kind.REFUSED, what + ": HTTP " + status + " from the World Bank API; check "
                    + "connectors.worldbank.base-url and the indicator code");
        }
        Buffer body = response.body();
        return format.parse(region, indicator, what, body == null ? new byte[0] : body.getBytes());
    }

    private SourceException classify(String what, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof ConnectException
                    || t instanceof NoRouteToHostException) {
                return new SourceException(Kind.OFFLINE, what + ": cannot reach " + settings.baseUrl() + " ("
                        + t.getMessage() + ")", cause);
            }
            if (t instanceof TimeoutException) {
                return new SourceException(Kind.TRANSIENT, what + ": no answer in time (connect-timeout-ms "
                        + settings.connectTimeoutMs() + ", timeout-ms " + settings.timeoutMs() + ")", cause);
            }
        }
        return new SourceException(Kind.TRANSIENT, what + ": " + cause, cause);
    }
}
