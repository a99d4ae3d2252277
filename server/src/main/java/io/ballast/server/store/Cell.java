package io.ballast.server.store;

/** A (region, year) pair whose inputs changed and whose scores must be recomputed. */
public record Cell(String region, int period) {
}
