package io.ballast.server.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers reads of JSON documents: body, ETag and length prepared once per document version, and {@code 304 Not
 * Modified} (with the ETag, no body) when {@code If-None-Match} names the version the client holds. A cached document
 * is one {@link Buffer} instance per version, so its answer is prepared once and looked up by identity (weak keys:
 * a replaced version's entry goes with it).
 */
public final class JsonDocuments {

    // names as the other answers spell them on the wire, values encoded once
    private static final CharSequence ETAG = HttpHeaders.createOptimized("ETag");
    private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
    private static final CharSequence CONTENT_LENGTH = HttpHeaders.createOptimized("Content-Length");
    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

    /** One version's answer: its bytes, and its ETag and length as header values encoded once. */
    private record Prepared(Buffer body, String etag, CharSequence etagValue, CharSequence length) {
        static Prepared of(Buffer body) {
            String etag = EntityTags.of(body.getBytes());
            return new Prepared(body, etag, HttpHeaders.createOptimized(etag),
                    HttpHeaders.createOptimized(Integer.toString(body.length())));
        }
    }

    private final Cache<Buffer, Prepared> prepared = Caffeine.newBuilder().weakKeys().maximumSize(100_000).build();

    /** Answers with a cached document: one that is the same instance for as long as its version holds. */
    void cached(RoutingContext ctx, Buffer doc) {
        answer(ctx, prepared.get(doc, Prepared::of));
    }

    /** Answers with a document built for this request. */
    void fresh(RoutingContext ctx, Buffer doc) {
        answer(ctx, Prepared.of(doc));
    }

    private static void answer(RoutingContext ctx, Prepared doc) {
        HttpServerResponse response = ctx.response().putHeader(ETAG, doc.etagValue());
        if (EntityTags.matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), doc.etag())) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(CONTENT_TYPE, APPLICATION_JSON)
                .putHeader(CONTENT_LENGTH, doc.length())
                .end(doc.body());
    }
}
