package io.ballast.server.score.uncertainty;

import java.util.List;

/**
 * The first-order and total-effect Sobol indices of every factor for one output, with the base rows they rest on (rows
 * where any run of the row was undefined are left out) and the output's variance over A and B. A constant output
 * (variance 0) or one with no complete row has NaN indices.
 */
public record SobolIndices(int rows, double variance, List<Effect> effects) {

    public SobolIndices {
        effects = List.copyOf(effects);
    }

    /** One factor's share of the output's variance: alone (first order) and with all its interactions (total). */
    public record Effect(String factor, double first, double total) {
    }
}
