package io.ballast.server.score;

import java.util.List;

/**
 * What a reading rests on: the inputs it used (by key), those among them carried forward from an earlier year, and
 * the inputs it has no value for.
 */
public record Basket(List<String> used, List<Carried> carried, List<Missing> missing) {

    public Basket {
        used = List.copyOf(used);
        carried = List.copyOf(carried);
        missing = List.copyOf(missing);
    }

    /** An input carried forward, and the year its value is from. */
    public record Carried(String key, int dataYear) {
    }

    /** An input with no value in reach. */
    public record Missing(String key, String label) {
    }
}
