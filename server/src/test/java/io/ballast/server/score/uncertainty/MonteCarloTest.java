package io.ballast.server.score.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MonteCarloTest {

    /** Three regions in two years; region C misses an indicator in the first. Output = year · 3 + region. */
    private static final double[][] READINGS = {
        {80, 40, 60}, {30, 50, 40}, {50, Double.NaN, 70},
        {20, 40, 30}, {90, 60, 70}, {55, 45, 50},
    };
    private static final List<List<Integer>> YEARS = List.of(List.of(0, 1, 2), List.of(3, 4, 5));
    private static final ToyComposite MODEL = new ToyComposite(READINGS);

    private static SaltelliDesign wide(int n) {
        return SaltelliDesign.of(ToyComposite.wideFactors(), n);
    }

    @Test
    void zeroWidthRangesCollapseEveryBandToThePlainValueAndEveryRankIntervalToThePlainRank() {
        double[] plain = new double[MODEL.outputs()];
        MODEL.evaluate(ToyComposite.plainValues(), plain);
        SaltelliDesign design = SaltelliDesign.of(ToyComposite.plainFactors(), 64);

        for (Draws draws : List.of(MonteCarlo.sequential().uncertainty(MODEL, design),
                MonteCarlo.sequential().sensitivity(MODEL, design))) {
            List<Band> bands = draws.bands();
            for (int o = 0; o < plain.length; o++) {
                if (o == 2) {
                    assertThat(bands.get(o)).isEqualTo(Band.undefined(128));
                } else {
                    assertThat(bands.get(o)).isEqualTo(new Band(plain[o], plain[o], plain[o], 128, 128));
                }
            }
            assertThat(draws.rankIntervals(YEARS)).containsExactly(
                    List.of(new RankInterval(1, 1, 1, 128, 128), new RankInterval(2, 2, 2, 128, 128),
                            new RankInterval(0, 0, 0, 0, 128)),
                    List.of(new RankInterval(3, 3, 3, 128, 128), new RankInterval(1, 1, 1, 128, 128),
                            new RankInterval(2, 2, 2, 128, 128)));
        }
    }

    @Test
    void anOutputUndefinedInSomeDrawsHasABandFromTheOthersAndSaysHowManyThereWere() {
        SaltelliDesign design = wide(256);
        int presentOnly = 0;
        double[] row = new double[5];
        for (int run = 0; run < 512; run++) {
            design.row(run, row);
            presentOnly += row[4] == ToyComposite.PRESENT_ONLY ? 1 : 0;
        }

        Band c = MonteCarlo.sequential().uncertainty(MODEL, design).band(2);

        assertThat(c.defined()).isEqualTo(presentOnly).isBetween(200, 312);
        assertThat(c.draws()).isEqualTo(512);
        assertThat(c.p5()).isGreaterThanOrEqualTo(50).isLessThan(c.p50());
        assertThat(c.p95()).isLessThanOrEqualTo(70).isGreaterThan(c.p50());
    }

    @Test
    void anOutputTheModelLeavesUnwrittenIsUndefinedNotTheValueOfTheRunBefore() {
        Model writesOnlyOnTheLeft = new Model() {
            @Override
            public int outputs() {
                return 1;
            }

            @Override
            public void evaluate(double[] factorValues, double[] out) {
                if (factorValues[0] < 0.5) {
                    out[0] = factorValues[0];
                }
            }
        };

        Band band = MonteCarlo.sequential()
                .uncertainty(writesOnlyOnTheLeft, SaltelliDesign.of(List.of(Factor.uniform("x", 0, 1)), 256))
                .band(0);

        assertThat(band.defined()).isEqualTo(256);
        assertThat(band.p95()).isLessThan(0.5);
    }

    @Test
    void theUncertaintyAnalysisMakesTwoNRunsAndTheSensitivityAnalysisNTimesKPlusTwo() {
        AtomicInteger runs = new AtomicInteger();
        Model counting = new Model() {
            @Override
            public int outputs() {
                return MODEL.outputs();
            }

            @Override
            public void evaluate(double[] factorValues, double[] out) {
                runs.incrementAndGet();
                MODEL.evaluate(factorValues, out);
            }
        };

        MonteCarlo.sequential().uncertainty(counting, wide(128));
        assertThat(runs.getAndSet(0)).isEqualTo(256);
        MonteCarlo.sequential().sensitivity(counting, wide(128));
        assertThat(runs.get()).isEqualTo(128 * 7);
    }

    @Test
    void theSameDesignGivesIdenticalResultsRunAfterRun() {
        Draws one = MonteCarlo.sequential().sensitivity(MODEL, wide(256));
        Draws two = MonteCarlo.sequential().sensitivity(MODEL, wide(256));

        assertThat(two.bands()).isEqualTo(one.bands());
        assertThat(two.rankIntervals(YEARS)).isEqualTo(one.rankIntervals(YEARS));
        assertThat(two.sensitivity(3)).isEqualTo(one.sensitivity(3));
        assertThat(two.convergence()).isEqualTo(one.convergence());
    }

    @Test
    void anotherSkipIsAnotherSampleOfTheSameUncertainty() {
        Band first = MonteCarlo.sequential().uncertainty(MODEL, wide(1024)).band(0);
        Band second = MonteCarlo.sequential()
                .uncertainty(MODEL, new SaltelliDesign(ToyComposite.wideFactors(), 1024, 1024)).band(0);

        assertThat(second).isNotEqualTo(first);
        assertThat(second.p5()).isCloseTo(first.p5(), org.assertj.core.data.Offset.offset(0.5));
        assertThat(second.p95()).isCloseTo(first.p95(), org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void resultsDoNotDependOnHowManyThreadsShareTheRuns() {
        Draws alone = MonteCarlo.sequential().sensitivity(MODEL, wide(512));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int parallelism : new int[] {2, 3, 4}) {
                Draws shared = new MonteCarlo(pool, parallelism).sensitivity(MODEL, wide(512));

                assertThat(shared.bands()).isEqualTo(alone.bands());
                assertThat(shared.rankIntervals(YEARS)).isEqualTo(alone.rankIntervals(YEARS));
                for (int o = 0; o < MODEL.outputs(); o++) {
                    assertThat(shared.sensitivity(o)).isEqualTo(alone.sensitivity(o));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExecutorThatNeverRunsItsTasksOrRefusesThemOnlyLeavesTheWorkToTheCaller() {
        Draws alone = MonteCarlo.sequential().uncertainty(MODEL, wide(256));

        Draws ignored = new MonteCarlo(task -> { }, 4).uncertainty(MODEL, wide(256));
        Draws refused = new MonteCarlo(task -> {
            throw new RejectedExecutionException("full");
        }, 4).uncertainty(MODEL, wide(256));

        assertThat(ignored.bands()).isEqualTo(alone.bands());
        assertThat(refused.bands()).isEqualTo(alone.bands());
    }

    @Test
    void aFailingModelIsReportedWithTheRunAndTheFactorValuesThatBrokeIt() {
        Model failsOnTheRight = new Model() {
            @Override
            public int outputs() {
                return 1;
            }

            @Override
            public void evaluate(double[] factorValues, double[] out) {
                if (factorValues[0] > 0.9) {
                    throw new ArithmeticException("too far right");
                }
                out[0] = factorValues[0];
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            assertThatThrownBy(() -> new MonteCarlo(pool, 2)
                    .uncertainty(failsOnTheRight, SaltelliDesign.of(List.of(Factor.uniform("x", 0, 1)), 1024)))
                    .isInstanceOfSatisfying(ModelFailedException.class, e -> {
                        assertThat(e.factorValues().get("x")).isGreaterThan(0.9);
                        assertThat(e.run()).isBetween(0, 2047);
                        assertThat(e).hasCauseInstanceOf(ArithmeticException.class);
                    });
        } finally {
            pool.shutdownNow();
        }
    }
}
