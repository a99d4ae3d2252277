package io.ballast.server.store;

/** A (region, year) pair whose inputs changed and whose scores must be recomputed. */
public record Cell(String region, int period) {

    /** The period of a cell that stands for every year of its region. */
    public static final int ALL_YEARS = Integer.MIN_VALUE;
}
