package io.ballast.server.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.BallastConfig.CompositeMethod;
import io.ballast.server.score.uncertainty.MonteCarlo;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The uncertainty analysis on the bundled baseline. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UncertaintyAnalysisTest {

    private final BallastConfig config = TestIndicators.config(Map.of());
    private Bundled bundled;

    @BeforeAll
    void score() {
        bundled = new Bundled(config);
    }

    private UncertaintyResult run(UncertaintyRanges ranges) {
        return new UncertaintyAnalysis(MonteCarlo.sequential()).run(1, bundled.years, id -> 1.0, ranges, 2, 0.7, 0.7);
    }

    @Test
    void withEveryRangeAtZeroWidthTheBandIsThePlainScoreAndTheRankIntervalThePlainRank() {
        UncertaintyResult result = run(UncertaintyRanges.none(CompositeMethod.GEOMETRIC, 2, 64));
        Aggregation aggregation = Aggregation.of(config);
        int checked = 0;
        for (String region : Bundled.REGIONS) {
            for (YearScores y : bundled.years.get(region)) {
                if (!y.composite().scored()) {
                    assertThat(result.cell(region, y.period())).as(region + " " + y.period()).isEmpty();
                    continue;
                }
                var cell = result.cell(region, y.period()).orElseThrow();
                assertThat(List.of(cell.composite().p5(), cell.composite().p50(), cell.composite().p95()))
                        .as(region + " " + y.period()).containsOnly(y.composite().score());
                assertThat(cell.vulnerability().p50()).isEqualTo(y.composite().subindices().vulnerability());
                assertThat(cell.capacity().p50()).isEqualTo(y.composite().subindices().capacity());
                Rank rank = Ranking.of(y.period(), Bundled.REGIONS, bundled.panel, aggregation, 0.7).get(region);
                if (rank.position() == null) {
                    assertThat(cell.rank().isDefined()).as(region + " " + y.period()).isFalse();
                } else {
                    assertThat(List.of(cell.rank().p5(), cell.rank().p50(), cell.rank().p95()))
                            .as(region + " " + y.period()).containsOnly(rank.position());
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(90);
    }

    @Test
    void theDefaultRangesGiveBandsAroundThePlainScoreAndSayWhichChoiceMatters() {
        UncertaintyResult result = run(new UncertaintyRanges(0.5, 0.5, 0.2, List.of(CompositeMethod.GEOMETRIC,
                CompositeMethod.ARITHMETIC), List.of(0, 1, 2), 1024));
        var china2015 = result.cell("CHN", 2015).orElseThrow();
        double plain = bundled.year("CHN", 2015).composite().score();
        assertThat(china2015.composite().p5()).isLessThan(plain);
        assertThat(china2015.composite().p95()).isGreaterThan(plain);
        assertThat(china2015.rank().p5()).isLessThanOrEqualTo(china2015.rank().p95());
        var sensitivity = result.sensitivity().get("CHN");
        assertThat(sensitivity.year()).isEqualTo(2024);
        // the missing-data rule shows as draws without a composite, not as an index
        assertThat(sensitivity.effects()).extracting(e -> e.factor()).containsExactly("indicator weights",
                "input weights", "goalposts", "aggregation");
        assertThat(result.cell("CHN", 2024).orElseThrow().composite().defined()).isLessThan(2048);
        assertThat(sensitivity.rows()).isEqualTo(1024);
        assertThat(sensitivity.effects()).allSatisfy(e -> assertThat(e.total()).isBetween(-0.05, 1.05));
        // reproducible: the same data and ranges give the same numbers
        assertThat(run(new UncertaintyRanges(0.5, 0.5, 0.2, List.of(CompositeMethod.GEOMETRIC,
                CompositeMethod.ARITHMETIC), List.of(0, 1, 2), 1024)).cells()).isEqualTo(result.cells());
    }

    @Test
    void anAnalysisAbandonedOnceItsModelRunsAreDoneStopsBeforeItsBandsIndicesAndConvergence() {
        // abandoned only when asked from outside a model evaluation: the steps after the runs (bands, rank intervals,
        // Sobol indices, convergence) take a core for a while and must give it back as the evaluations do
        BooleanSupplier outsideTheRuns = () -> StackWalker.getInstance()
                .walk(frames -> frames.noneMatch(f -> f.getMethodName().equals("evaluate")));
        UncertaintyRanges ranges = new UncertaintyRanges(0.5, 0.5, 0.2, List.of(CompositeMethod.GEOMETRIC), List.of(2),
                64);

        assertThatThrownBy(() -> new UncertaintyAnalysis(MonteCarlo.sequential())
                .run(1, bundled.years, id -> 1.0, ranges, 2, 0.7, 0.7, outsideTheRuns))
                .isInstanceOf(Abandonable.AbandonedException.class);
        assertThat(new UncertaintyAnalysis(MonteCarlo.sequential())
                .run(1, bundled.years, id -> 1.0, ranges, 2, 0.7, 0.7, () -> false).cells()).isNotEmpty();
    }
}
