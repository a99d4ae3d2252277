package io.ballast.api;

import java.util.List;

/**
 * Thrown by {@link Indicator#measure} when too little of the input is present to give a score: nothing at all, or
 * less than the deployment's minimum coverage ({@link MissingDataPolicy}).
 */
public final class MissingDataException extends RuntimeException {

    private final List<String> missing;
    private final List<String> present;
    private final double coverage;

    /** Names the input series that were absent. */
    public MissingDataException(List<String> missing) {
        this(missing, "no data for " + String.join(", ", missing));
    }

    /** Names the absent inputs and says, in a sentence a viewer can read, why there is no reading. */
    public MissingDataException(List<String> missing, String reason) {
        this(missing, reason, List.of(), 0);
    }

    /**
     * Too little input: names the absent inputs, says why, and tells which inputs (by key) were there and what share
     * of the input weight they carried, so the host can show what the year had.
     */
    public MissingDataException(List<String> missing, String reason, List<String> present, double coverage) {
        super(reason);
        this.missing = List.copyOf(missing);
        this.present = List.copyOf(present);
        this.coverage = Checks.within(coverage, 0, 1, "coverage");
    }

    /** The series codes (or input labels) that were absent. */
    public List<String> missing() {
        return missing;
    }

    /** The keys of the inputs that were present (or carried), when the indicator says; empty otherwise. */
    public List<String> present() {
        return present;
    }

    /** The share of the input weight that was present (or carried); 0 when the indicator does not say. */
    public double coverage() {
        return coverage;
    }
}
