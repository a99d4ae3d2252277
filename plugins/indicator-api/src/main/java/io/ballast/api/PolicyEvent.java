package io.ballast.api;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A dated policy action counted against the region being measured, such as an export-control rule: who imposed it
 * ({@code jurisdiction}, an ISO 3166-1 alpha-3 code), against whom ({@code targets}), what kind of action
 * ({@code type}, such as {@code country-rule} or {@code entity-listing}), whether it tightens, relaxes or suspends
 * controls ({@code direction}), how broadly it applies ({@code scope}: {@code targeted} at the targets, or
 * {@code all-importers} / {@code all-destinations} with the targets among those affected), and how many entities it
 * lists when it lists any.
 */
public record PolicyEvent(String id, LocalDate date, String jurisdiction, List<String> targets, String type,
                          String direction, String scope, OptionalInt entities, String title) {

    /** The directions an action can have. */
    public static final Set<String> DIRECTIONS = Set.of("tighten", "relax", "suspend");

    public PolicyEvent {
        Checks.notBlank(id, "event id");
        if (date == null) {
            throw new IllegalArgumentException("event " + id + " needs a date");
        }
        Checks.notBlank(jurisdiction, "jurisdiction of event " + id);
        targets = List.copyOf(targets);
        Checks.notBlank(type, "type of event " + id);
        if (!DIRECTIONS.contains(direction)) {
            throw new IllegalArgumentException("direction of event " + id + " must be one of " + DIRECTIONS
                    + ", was '" + direction + "'");
        }
        Checks.notBlank(scope, "scope of event " + id);
        if (entities == null) {
            throw new IllegalArgumentException("entities of event " + id + " must be given (OptionalInt.empty() "
                    + "when unknown)");
        }
        if (entities.isPresent() && entities.getAsInt() < 0) {
            throw new IllegalArgumentException("entities of event " + id + " must not be negative");
        }
        Checks.notBlank(title, "title of event " + id);
    }

    /** Whether the action adds controls (as opposed to relaxing or suspending them). */
    public boolean tightens() {
        return direction.equals("tighten");
    }
}
