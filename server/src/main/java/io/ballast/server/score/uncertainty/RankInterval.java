package io.ballast.server.score.uncertainty;

/**
 * Where one member of a comparable set ranks over the draws (1 = highest value): the 5th, 50th and 95th percentile of
 * its rank in the draws where it was ranked, and how many of the draws that was. Ranks are whole numbers, so the
 * percentiles are ranks that occurred; with no ranked draw they are 0.
 */
public record RankInterval(int p5, int p50, int p95, int ranked, int draws) {

    public RankInterval {
        if (ranked < 0 || ranked > draws) {
            throw new IllegalArgumentException("ranked draws " + ranked + " out of " + draws);
        }
        if (ranked > 0 ? !(1 <= p5 && p5 <= p50 && p50 <= p95) : (p5 | p50 | p95) != 0) {
            throw new IllegalArgumentException("ranks out of order: " + p5 + ", " + p50 + ", " + p95);
        }
    }

    /** Whether the member was ranked in at least one draw. */
    public boolean isDefined() {
        return ranked > 0;
    }
}
