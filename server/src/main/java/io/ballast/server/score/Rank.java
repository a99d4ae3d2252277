package io.ballast.server.score;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A region's place among the configured regions in one year, computed like for like: every ranked economy's
 * composite recomputed on the inputs they all have. {@code position} is null when no like-for-like rank can be had
 * ({@code reason} says why); {@code score} is the comparable composite the rank rests on; economies without a
 * composite that year are listed in {@code excluded} with the reason.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rank(@JsonInclude(JsonInclude.Include.ALWAYS) Integer position, int of, int year, boolean likeForLike,
                   String basis, Double score, List<Excluded> excluded, String reason) {

    /** An economy left out of a year's ranking, and why. */
    public record Excluded(String region, String reason) {
    }

    static Rank none(int year, int of, List<Excluded> excluded, String reason) {
        return new Rank(null, of, year, false, null, null, excluded, reason);
    }
}
