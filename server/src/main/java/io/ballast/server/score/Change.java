package io.ballast.server.score;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A score's change since an earlier year, computed like for like: only on inputs present (or carried) in both years.
 * {@code value} is null when no like-for-like change can be had; {@code reason} then says why. {@code basis} says what
 * the number rests on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Change(int from, @JsonInclude(JsonInclude.Include.ALWAYS) Double value, boolean likeForLike,
                     String basis, String reason) {

    static Change of(int from, double value, String basis) {
        return new Change(from, Numbers.round(value), true, basis, null);
    }

    static Change none(int from, String reason) {
        return new Change(from, null, false, null, reason);
    }

    /** Whether a number is available. */
    boolean known() {
        return value != null;
    }
}
