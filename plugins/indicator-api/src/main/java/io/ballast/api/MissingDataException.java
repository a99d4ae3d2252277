package io.ballast.api;

import java.util.List;

/** Thrown by {@link Indicator#measure} when none (or too little) of the inputs is present to give a score. */
public final class MissingDataException extends RuntimeException {

    private final List<String> missing;

    /** Names the input series that were absent. */
    public MissingDataException(List<String> missing) {
        super("no data for " + String.join(", ", missing));
        this.missing = List.copyOf(missing);
    }

    /** The series codes that were absent. */
    public List<String> missing() {
        return missing;
    }
}
