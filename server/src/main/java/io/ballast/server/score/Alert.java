package io.ballast.server.score;

/** A rule that fired for a region's latest scores, with one sentence saying why. */
public record Alert(String rule, String region, String indicator, int period, String message) {
}
