package io.ballast.server.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A dated export-control action as stored: a stable key, who imposed it, the economies it counts against, its type,
 * direction ({@code tighten}, {@code relax}, {@code suspend}) and scope ({@code targeted}, {@code all-importers},
 * {@code all-destinations}), how many entities it lists (null when unknown or none), its title and source link, a
 * note, where it came from ({@code baseline}, {@code api}, a connector) and whether its mapping awaits review.
 */
public record ControlEvent(String key, LocalDate date, String jurisdiction, List<String> targets, String type,
                           String direction, String scope, Integer entities, String title, String source, String note,
                           String origin, boolean needsReview, Instant updatedAt) {

    public ControlEvent {
        targets = List.copyOf(targets);
    }

    /** This event from another origin, as of {@code at}. */
    public ControlEvent stamped(String newOrigin, Instant at) {
        return new ControlEvent(key, date, jurisdiction, targets, type, direction, scope, entities, title, source,
                note, newOrigin, needsReview, at);
    }
}
