package io.ballast.server.score;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * The capacity-labor divergence check of one year: whether it could be made ({@code tested}; when not,
 * {@code reason} says why), the two like-for-like changes over the window and the inputs each rests on, and whether it
 * fired ({@code message} then says what a viewer should know).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DivergenceCheck(boolean tested, boolean fired, int from, Double capacityChange, Double laborChange,
                              List<String> capacityInputs, List<String> laborInputs, String reason, String message) {

    static DivergenceCheck untested(int from, String reason) {
        return new DivergenceCheck(false, false, from, null, null, null, null, reason, null);
    }

    /** The warning to show when the check fired. */
    Optional<Warning> warning() {
        return fired ? Optional.of(new Warning(Divergence.KIND, message)) : Optional.empty();
    }
}
