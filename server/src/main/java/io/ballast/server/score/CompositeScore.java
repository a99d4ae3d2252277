package io.ballast.server.score;

import java.util.List;

/** The composite of a region in one year: score, method, coverage (0-1) and the indicators that were missing. */
public record CompositeScore(double score, String method, double coverage, List<String> missing) {
}
