package io.ballast.server.score.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bands, rank intervals and convergence on samples small enough to check by hand. */
class DrawsTest {

    private static final double NAN = Double.NaN;
    private static final List<Factor> ONE = List.of(Factor.uniform("x", 0, 1));

    /** Draws whose uncertainty sample is exactly {@code perOutput[o]}: the first half rows of A, the rest of B. */
    private static Draws draws(double[]... perOutput) {
        int rows = perOutput[0].length / 2;
        return new Draws(ONE, List.of("x"), perOutput, rows, rows, false);
    }

    @Test
    void aBandInterpolatesLinearlyBetweenOrderStatisticsAsRAndNumPyDo() {
        Band band = draws(new double[] {7, 3, 10, 1, 5, 9, 2, 8, 4, 6}).band(0);

        // position (n - 1)p + 1 in the sorted sample 1..10
        assertThat(band.p5()).isCloseTo(1.45, within(1e-12));
        assertThat(band.p50()).isCloseTo(5.5, within(1e-12));
        assertThat(band.p95()).isCloseTo(9.55, within(1e-12));
        assertThat(band.defined()).isEqualTo(10);
        assertThat(band.draws()).isEqualTo(10);
    }

    @Test
    void undefinedDrawsAreLeftOutOfTheBandAndCounted() {
        Band band = draws(new double[] {NAN, 1, 2, NAN, 3, NAN}).band(0);

        // sample 1, 2, 3: positions 1.1, 2 and 2.9
        assertThat(band.p5()).isCloseTo(1.1, within(1e-12));
        assertThat(band.p50()).isEqualTo(2);
        assertThat(band.p95()).isCloseTo(2.9, within(1e-12));
        assertThat(band.defined()).isEqualTo(3);
        assertThat(band.draws()).isEqualTo(6);
    }

    @Test
    void anOutputNoDrawDefinesHasAnUndefinedBand() {
        Band band = draws(new double[] {NAN, NAN, NAN, NAN}).band(0);

        assertThat(band.isDefined()).isFalse();
        assertThat(band.defined()).isZero();
        assertThat(band.p50()).isNaN();
    }

    @Test
    void aSingleDefinedDrawIsItsOwnBand() {
        assertThat(draws(new double[] {NAN, 4, NAN, NAN}).band(0)).isEqualTo(new Band(4, 4, 4, 1, 4));
    }

    @Test
    void rankIntervalsAreTheFifthAndNinetyFifthPercentileRanksAndTiesShareTheBestRank() {
        Draws draws = draws(
                new double[] {3, 3, 1, NAN},
                new double[] {2, 3, 2, 1},
                new double[] {1, 1, 3, 2});
        // draw 0: 3, 2, 1 → ranks 1, 2, 3; draw 1: 3, 3, 1 → 1, 1, 3; draw 2: 1, 2, 3 → 3, 2, 1;
        // draw 3: the first is undefined → -, 2, 1. Percentiles as the smallest rank reached in p of the draws.

        List<RankInterval> intervals = draws.rankIntervals(List.of(List.of(0, 1, 2))).get(0);

        assertThat(intervals).containsExactly(
                new RankInterval(1, 1, 3, 3, 4),
                new RankInterval(1, 2, 2, 4, 4),
                new RankInterval(1, 1, 3, 4, 4));
    }

    @Test
    void groupsAreRankedSeparatelyAndAMemberNeverDefinedHasNoInterval() {
        Draws draws = draws(
                new double[] {5, 5},
                new double[] {NAN, NAN},
                new double[] {1, 9},
                new double[] {2, 8});

        List<List<RankInterval>> intervals = draws.rankIntervals(List.of(List.of(0, 1), List.of(3, 2)));

        assertThat(intervals.get(0)).containsExactly(new RankInterval(1, 1, 1, 2, 2), new RankInterval(0, 0, 0, 0, 2));
        assertThat(intervals.get(1)).containsExactly(new RankInterval(1, 1, 2, 2, 2), new RankInterval(1, 1, 2, 2, 2));
    }

    @Test
    void aGroupNamingAnOutputTwiceOrOneThatDoesNotExistIsRefused() {
        Draws draws = draws(new double[] {1, 2}, new double[] {3, 4});

        assertThatThrownBy(() -> draws.rankIntervals(List.of(List.of(0, 0)))).hasMessageContaining("twice");
        assertThatThrownBy(() -> draws.rankIntervals(List.of(List.of(0, 2))))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void convergenceSetsTheBandOfTheFirstHalfOfTheBaseRowsBesideTheFullOne() {
        // A rows 1, 2, 3, 4 and B rows 5, 6, 7, 8; the first half is A rows 1, 2 and B rows 5, 6
        Convergence convergence = draws(new double[] {1, 2, 3, 4, 5, 6, 7, 8}).convergence().get(0);

        assertThat(convergence.half().p5()).isCloseTo(1.15, within(1e-12));
        assertThat(convergence.half().p95()).isCloseTo(5.85, within(1e-12));
        assertThat(convergence.full().p5()).isCloseTo(1.35, within(1e-12));
        assertThat(convergence.full().p95()).isCloseTo(7.65, within(1e-12));
        assertThat(convergence.p5Shift()).isCloseTo(0.2, within(1e-12));
        assertThat(convergence.p95Shift()).isCloseTo(1.8, within(1e-12));
    }

    @Test
    void convergenceOfTheFirstOutputsTakesTheirBandsAtNAsGiven() {
        Draws draws = MonteCarlo.sequential().uncertainty(new Model() {
            @Override
            public int outputs() {
                return 3;
            }

            @Override
            public void evaluate(double[] factorValues, double[] out) {
                out[0] = factorValues[0];
                out[1] = 2 * factorValues[0];
                out[2] = 3 * factorValues[0];
            }
        }, SaltelliDesign.of(ONE, 64));
        List<Band> bands = draws.bands();

        assertThat(draws.convergence(bands.subList(0, 2))).isEqualTo(draws.convergence().subList(0, 2));
        assertThatThrownBy(() -> draws.convergence(List.of(bands.get(0), bands.get(1), bands.get(2), bands.get(0))))
                .hasMessageContaining("4 bands for 3 outputs");
    }

    @Test
    void convergenceOfAUniformOutputSettlesNearItsTrueQuantiles() {
        List<Convergence> convergence = MonteCarlo.sequential().uncertainty(new Model() {
            @Override
            public int outputs() {
                return 1;
            }

            @Override
            public void evaluate(double[] factorValues, double[] out) {
                out[0] = factorValues[0];
            }
        }, SaltelliDesign.of(ONE, 1024)).convergence();

        assertThat(convergence.get(0).full().p5()).isCloseTo(0.05, within(0.002));
        assertThat(convergence.get(0).full().p95()).isCloseTo(0.95, within(0.002));
        assertThat(convergence.get(0).p5Shift()).isLessThan(0.002);
        assertThat(convergence.get(0).p95Shift()).isLessThan(0.002);
    }

    @Test
    void sobolIndicesNeedTheSensitivityRuns() {
        assertThatThrownBy(() -> draws(new double[] {1, 2}).sensitivity(0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("MonteCarlo.sensitivity");
    }
}
