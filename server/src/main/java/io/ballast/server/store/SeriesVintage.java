package io.ballast.server.store;

import java.time.Instant;

/** The vintage a series holds in one region, where it came from (API, file) and when it was stored. */
public record SeriesVintage(String series, String region, String vintage, String origin, Instant updatedAt) {
}
