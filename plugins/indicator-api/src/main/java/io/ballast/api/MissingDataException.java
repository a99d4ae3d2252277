package io.ballast.api;

import java.util.List;

/**
 * Thrown by {@link Indicator#measure} when too little of the input is present to give a score: nothing at all, or
 * less than the deployment's minimum coverage ({@link MissingDataPolicy}).
 */
public final class MissingDataException extends RuntimeException {

    private final List<String> missing;

    /** Names the input series that were absent. */
    public MissingDataException(List<String> missing) {
        this(missing, "no data for " + String.join(", ", missing));
    }

    /** Names the absent inputs and says, in a sentence a viewer can read, why there is no reading. */
    public MissingDataException(List<String> missing, String reason) {
        super(reason);
        this.missing = List.copyOf(missing);
    }

    /** The series codes (or input labels) that were absent. */
    public List<String> missing() {
        return missing;
    }
}
