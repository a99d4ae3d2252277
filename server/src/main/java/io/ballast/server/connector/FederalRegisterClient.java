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
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the final rules of the Bureau of Industry and Security from the Federal Register API with the shared
 * {@link Outbound} client, on the event loop: {@code /api/v1/documents.json} for a publication-date range, page after
 * page by {@code next_page_url}; a range the API counts more than {@link #MAX_RESULTS} documents in (it serves no
 * more per query) is read in partitions by year, month, then day. Each request has a connect and an idle timeout and
 * is retried with doubling backoff when it may pass. Links the API gives are followed only under the base URL.
 */
public final class FederalRegisterClient {

    /** The most results the API serves for one query, however it is paged. */
    static final int MAX_RESULTS = 2000;

    private static final Logger LOG = LoggerFactory.getLogger(FederalRegisterClient.class);
    private static final List<String> FIELDS = List.of("abstract", "agencies", "citation", "document_number",
            "effective_on", "html_url", "publication_date", "raw_text_url", "title", "type");

    /** The documents of a range, and what kept some from being read (pages that do not add up). */
    public record Listing(List<FederalRegisterDocument> documents, List<String> problems) {
        public Listing {
            documents = List.copyOf(documents);
            problems = List.copyOf(problems);
        }
    }

    private final Outbound outbound;
    private final Connectors.FederalRegister settings;
    private final RetryPolicy retry;
    private final FederalRegisterFormat format;

    public FederalRegisterClient(Outbound outbound, Connectors.FederalRegister settings, ObjectMapper json) {
        this.outbound = outbound;
        this.settings = settings;
        this.retry = RetryPolicy.doubling(settings.retries(), settings.backoffMs());
        this.format = new FederalRegisterFormat(json);
    }

    /** Every rule published from {@code since} on ({@code today} bounds the partitions). */
    public Future<Listing> documents(LocalDate since, LocalDate today) {
        List<FederalRegisterDocument> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        return range(since, Optional.empty(), today, out, problems).map(v -> new Listing(out, problems));
    }

    private Future<Void> range(LocalDate from, Optional<LocalDate> to, LocalDate today,
                               List<FederalRegisterDocument> out, List<String> problems) {
        String what = "rules published " + from + " to " + to.map(LocalDate::toString).orElse("now");
        return page(query(from, to), what + ", page 1").compose(first -> {
            if (first.count() > MAX_RESULTS) {
                LocalDate end = to.orElse(today.isBefore(from) ? from : today);
                List<LocalDate[]> parts = Partitions.of(from, end);
                if (parts.size() < 2) {
                    return Future.failedFuture(new SourceException(Kind.REFUSED, what + ": "
                            + first.count() + " documents on one day, more than the API serves"));
                }
                LOG.debug("{}: {} documents, more than {}; reading {} partitions", what, first.count(), MAX_RESULTS,
                        parts.size());
                return partitions(parts, 0, today, out, problems);
            }
            List<FederalRegisterDocument> read = new ArrayList<>(first.results());
            return rest(first, 2, what, read).map(v -> {
                if (read.size() < first.count()) {
                    problems.add(what + ": the pages held " + read.size() + " of the " + first.count()
                            + " documents counted");
                }
                out.addAll(read);
                return null;
            });
        });
    }

    private Future<Void> partitions(List<LocalDate[]> parts, int index, LocalDate today,
                                    List<FederalRegisterDocument> out, List<String> problems) {
        if (index >= parts.size()) {
            return Future.succeededFuture();
        }
        LocalDate[] part = parts.get(index);
        return range(part[0], Optional.of(part[1]), today, out, problems)
                .compose(v -> partitions(parts, index + 1, today, out, problems));
    }

    private Future<Void> rest(FederalRegisterPage previous, int number, String what,
                              List<FederalRegisterDocument> read) {
        if (previous.nextPageUrl().isEmpty() || previous.results().isEmpty()) {
            return Future.succeededFuture();
        }
        String next = previous.nextPageUrl().get();
        if (!next.startsWith(settings.baseUrl() + "/")) {
            return Future.failedFuture(new SourceException(Kind.MALFORMED, what + ": next_page_url " + next
                    + " is not under " + settings.baseUrl()));
        }
        if (number > MAX_RESULTS) {
            return Future.failedFuture(new SourceException(Kind.MALFORMED, what + ": more pages than "
                    + "results"));
        }
        return page(next, what + ", page " + number).compose(p -> {
            read.addAll(p.results());
            return rest(p, number + 1, what, read);
        });
    }

    /** The plain text of a document at {@code url} (its {@code raw_text_url}), markup removed. */
    public Future<String> fullText(String url, String documentNumber) {
        String what = "full text of " + documentNumber;
        if (!url.startsWith(settings.baseUrl() + "/")) {
            return Future.failedFuture(new SourceException(Kind.REFUSED, what + ": " + url
                    + " is not under " + settings.baseUrl()));
        }
        return withRetries(what, () -> get(url, "text/plain, text/html", what)
                .map(body -> body.toString(StandardCharsets.UTF_8).replaceAll("<[^>]+>", " ")
                        .replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"")));
    }

    String query(LocalDate from, Optional<LocalDate> to) {
        StringBuilder url = new StringBuilder(settings.baseUrl()).append("/api/v1/documents.json?")
                .append(param("conditions[agencies][]", "industry-and-security-bureau"))
                .append('&').append(param("conditions[type][]", "RULE"))
                .append('&').append(param("conditions[publication_date][gte]", from.toString()));
        to.ifPresent(d -> url.append('&').append(param("conditions[publication_date][lte]", d.toString())));
        url.append("&order=newest&per_page=").append(settings.perPage());
        FIELDS.forEach(f -> url.append('&').append(param("fields[]", f)));
        return url.toString();
    }

    private static String param(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Future<FederalRegisterPage> page(String url, String what) {
        return withRetries(what, () -> get(url, "application/json", what)
                .map(body -> format.parse(what, body.getBytes())));
    }

    private <T> Future<T> withRetries(String what, java.util.function.Supplier<Future<T>> attempt) {
        return outbound.withRetries(retry, e -> e instanceof SourceException f && f.retryable(),
                (failure, n, waitMs) -> LOG.debug("{}; retry {} of {} in {} ms", failure.getMessage(), n,
                        settings.retries(), waitMs), attempt);
    }

    private Future<Buffer> get(String url, String accept, String what) {
        return outbound.web().getAbs(url)
                .connectTimeout(settings.connectTimeoutMs())
                .idleTimeout(settings.timeoutMs())
                .putHeader("Accept", accept)
                .send()
                .transform(done -> {
                    if (done.failed()) {
                        return Future.failedFuture(classify(what, done.cause()));
                    }
                    HttpResponse<Buffer> response = done.result();
                    int status = response.statusCode();
                    if (status == 429 || status >= 500) {
                        return Future.failedFuture(new SourceException(Kind.TRANSIENT, what + ": HTTP "
                                + status + " from the Federal Register API"));
                    }
                    Buffer body = response.body() == null ? Buffer.buffer() : response.body();
                    if (status != 200) {
                        String detail = body.length() > 300 ? body.getString(0, 300) : body.toString();
                        return Future.failedFuture(new SourceException(Kind.REFUSED, what + ": HTTP " + status
                                + " from the Federal Register API: " + detail.strip()));
                    }
                    return Future.succeededFuture(body);
                });
    }

    private SourceException classify(String what, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof ConnectException
                    || t instanceof NoRouteToHostException) {
                return new SourceException(Kind.OFFLINE, what + ": cannot reach " + settings.baseUrl()
                        + " (" + t.getMessage() + ")", cause);
            }
            if (t instanceof TimeoutException) {
                return new SourceException(Kind.TRANSIENT, what + ": no answer in time (connect-timeout-ms "
                        + settings.connectTimeoutMs() + ", timeout-ms " + settings.timeoutMs() + ")", cause);
            }
        }
        return new SourceException(Kind.TRANSIENT, what + ": " + cause, cause);
    }
}
