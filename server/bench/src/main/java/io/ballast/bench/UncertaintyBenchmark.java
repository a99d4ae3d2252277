package io.ballast.bench;

import io.ballast.server.score.uncertainty.Band;
import io.ballast.server.score.uncertainty.Convergence;
import io.ballast.server.score.uncertainty.Draws;
import io.ballast.server.score.uncertainty.MonteCarlo;
import io.ballast.server.score.uncertainty.RankInterval;
import io.ballast.server.score.uncertainty.SaltelliDesign;
import io.ballast.server.score.uncertainty.SobolIndices;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The uncertainty and sensitivity analysis at the default sample size on a model shaped like Ballast's composite
 * ({@link SyntheticComposite}: 6 regions × 26 years, 10 factors): bands, rank intervals and convergence of all 156
 * composites from 2N runs, plus Sobol indices of each region's latest composite from N(k + 2) runs of a model of
 * those 6 only; and, as the ceiling, indices of all 156 from N(k + 2) runs of the whole model. On 1 and 2 threads.
 * The baseline in the same run is one plain evaluation of the whole model: the analysis's floor is that times the
 * runs it makes. The sample size and the p5/p95 convergence are printed once per fork, before the measurements.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UncertaintyBenchmark {

    private final SyntheticComposite all = SyntheticComposite.allYears();
    private final SyntheticComposite latest = SyntheticComposite.latestYear();
    private final SaltelliDesign design = SaltelliDesign.of(SyntheticComposite.factors());
    private final double[] plain = SyntheticComposite.plain();
    private final double[] out = new double[all.outputs()];

    /** The threads an analysis may use, the caller's included. */
    @State(Scope.Benchmark)
    public static class Threads {
        @Param({"1", "2"})
        public int threads;
        private ExecutorService helpers;
        MonteCarlo monteCarlo;

        @Setup(Level.Trial)
        public void setUp() {
            helpers = Executors.newFixedThreadPool(Math.max(1, threads - 1), r -> {
                Thread t = new Thread(r, "uncertainty-helper");
                t.setDaemon(true);
                return t;
            });
            monteCarlo = new MonteCarlo(helpers, threads);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            helpers.shutdownNow();
        }
    }

    @Setup(Level.Trial)
    public void report() {
        Draws draws = MonteCarlo.sequential().uncertainty(all, design);
        Draws indices = MonteCarlo.sequential().sensitivity(latest, design);
        System.out.println(describe(draws, indices));
    }

    /** The analysis as the server would run it: bands, ranks and convergence of all, indices of the latest. */
    @Benchmark
    public void fullAnalysis(Threads threads, Blackhole hole) {
        Draws draws = threads.monteCarlo.uncertainty(all, design);
        hole.consume(draws.bands());
        hole.consume(draws.rankIntervals(all.yearGroups()));
        hole.consume(draws.convergence());
        Draws sensitivity = threads.monteCarlo.sensitivity(latest, design);
        for (int o = 0; o < latest.outputs(); o++) {
            hole.consume(sensitivity.sensitivity(o));
        }
    }

    /** The ceiling: every run of the whole model, so that every composite gets its indices too. */
    @Benchmark
    public void fullAnalysisWithIndicesOfEveryComposite(Threads threads, Blackhole hole) {
        Draws draws = threads.monteCarlo.sensitivity(all, design);
        hole.consume(draws.bands());
        hole.consume(draws.rankIntervals(all.yearGroups()));
        hole.consume(draws.convergence());
        for (int o = 0; o < all.outputs(); o++) {
            hole.consume(draws.sensitivity(o));
        }
    }

    /** Baseline: one plain evaluation of all 156 composites, what a single run of the analysis costs. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double[] baselinePlainEvaluation() {
        all.evaluate(plain, out);
        return out;
    }

    private String describe(Draws draws, Draws sensitivity) {
        List<Convergence> convergence = draws.convergence();
        double[] p5 = convergence.stream().filter(c -> c.full().isDefined()).mapToDouble(Convergence::p5Shift)
                .sorted().toArray();
        double[] p95 = convergence.stream().filter(c -> c.full().isDefined()).mapToDouble(Convergence::p95Shift)
                .sorted().toArray();
        double relative = convergence.stream().filter(c -> c.full().width() > 0)
                .mapToDouble(c -> Math.max(c.p5Shift(), c.p95Shift()) / c.full().width()).max().orElse(0);
        double first = 0;
        double total = 0;
        Draws half = sensitivity.firstHalf();
        for (int o = 0; o < latest.outputs(); o++) {
            List<SobolIndices.Effect> full = sensitivity.sensitivity(o).effects();
            List<SobolIndices.Effect> halved = half.sensitivity(o).effects();
            for (int i = 0; i < full.size(); i++) {
                first = Math.max(first, Math.abs(full.get(i).first() - halved.get(i).first()));
                total = Math.max(total, Math.abs(full.get(i).total() - halved.get(i).total()));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "uncertainty: N = %d base samples, %d factors; %d draws of all %d"
                        + " composites; indices from N(k + 2) = %d runs (of the %d latest, or of all in the ceiling)",
                design.baseSamples(), design.factors().size(), draws.draws(), all.outputs(), design.runs(),
                latest.outputs()));
        lines.add(String.format(Locale.ROOT, "convergence N/2 -> N: p5 shift median %.3f max %.3f, p95 shift median"
                        + " %.3f max %.3f (score points); largest shift %.1f %% of its band's width",
                median(p5), p5[p5.length - 1], median(p95), p95[p95.length - 1], 100 * relative));
        lines.add(String.format(Locale.ROOT, "Sobol indices N/2 -> N: largest change %.4f first order, %.4f total",
                first, total));
        lines.add(example(draws, sensitivity));
        return String.join(System.lineSeparator(), lines);
    }

    private String example(Draws draws, Draws sensitivity) {
        int region = 0;
        int output = region * SyntheticComposite.YEARS + SyntheticComposite.YEARS - 1;
        double[] plainOut = new double[all.outputs()];
        all.evaluate(plain, plainOut);
        Band band = draws.band(output);
        RankInterval rank = draws.rankIntervals(all.yearGroups()).get(SyntheticComposite.YEARS - 1).get(region);
        SobolIndices.Effect top = sensitivity.sensitivity(region).effects().stream()
                .max(Comparator.comparingDouble(SobolIndices.Effect::total)).orElseThrow();
        return String.format(Locale.ROOT, "example, region 0 latest year: plain %.1f, band %.1f / %.1f / %.1f"
                        + " (%d of %d draws defined), rank %d-%d, largest total effect %s (S %.2f, ST %.2f)",
                plainOut[output], band.p5(), band.p50(), band.p95(), band.defined(), band.draws(), rank.p5(),
                rank.p95(), top.factor(), top.first(), top.total());
    }

    private static double median(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    /** The report alone, without timing: {@code java -cp benchmarks.jar io.ballast.bench.UncertaintyBenchmark}. */
    public static void main(String[] args) {
        UncertaintyBenchmark benchmark = new UncertaintyBenchmark();
        long start = System.nanoTime();
        benchmark.report();
        System.out.printf(Locale.ROOT, "report took %.0f ms on one thread%n", (System.nanoTime() - start) / 1e6);
    }
}
