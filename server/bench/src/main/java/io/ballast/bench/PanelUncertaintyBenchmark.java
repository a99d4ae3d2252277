package io.ballast.bench;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigLoader;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.score.RegionData;
import io.ballast.server.score.Scorer;
import io.ballast.server.score.UncertaintyAnalysis;
import io.ballast.server.score.UncertaintyRanges;
import io.ballast.server.score.UncertaintyResult;
import io.ballast.server.score.YearScores;
import io.ballast.server.score.uncertainty.MonteCarlo;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

/**
 * The server's uncertainty analysis of the bundled baseline (6 regions, every year) at the default sample size and
 * ranges, on 1 and 2 threads, against the plain recompute of the same regions (every plugin call, composites, changes,
 * divergence) as the baseline in the same run. Prints, once per fork, the sample size, the time of one analysis and
 * how far p5 and p95 still move between N/2 and N.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PanelUncertaintyBenchmark {

    @Param({"1", "2"})
    public int threads;

    private final BallastConfig config = new ConfigLoader().load(Optional.empty(), Map.of());
    /** The default configuration's ranges and sample size, as the server runs them. */
    private final UncertaintyRanges ranges = UncertaintyRanges.of(config.uncertainty()).orElseThrow();
    private final Map<String, RegionData> data = BaselineData.byRegion();
    private final Map<String, List<YearScores>> years = new LinkedHashMap<>();
    private PluginHost host;
    private Measurer measurer;
    private Scorer scorer;
    private ExecutorService helpers;
    private UncertaintyAnalysis analysis;

    @Setup(Level.Trial)
    public void setUp() {
        host = new PluginHost(id -> true);
        host.discover(PanelUncertaintyBenchmark.class.getClassLoader(), "classpath");
        measurer = new Measurer(host, Duration.ofSeconds(2));
        scorer = new Scorer(host, measurer, config, Clock.systemUTC());
        data.forEach((region, regionData) -> years.put(region, scorer.score(region, regionData)));
        helpers = Executors.newFixedThreadPool(Math.max(1, threads - 1), r -> {
            Thread t = new Thread(r, "uncertainty-helper");
            t.setDaemon(true);
            return t;
        });
        analysis = new UncertaintyAnalysis(new MonteCarlo(helpers, threads));
        long started = System.nanoTime();
        UncertaintyResult result = analyse();
        System.out.println(String.format(Locale.ROOT, "panel uncertainty: N = %d base samples, %d draws; %d region-"
                        + "years with a composite; one cold analysis %d ms on %d thread(s); p5 moves at most %.3f and "
                        + "p95 at most %.3f score points from N/2 to N", result.samples(), result.draws(),
                result.cells().values().stream().mapToInt(Map::size).sum(),
                (System.nanoTime() - started) / 1_000_000, threads, result.p5Shift(), result.p95Shift()));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        helpers.shutdownNow();
        measurer.close();
    }

    private UncertaintyResult analyse() {
        return analysis.run(1, years, id -> config.weightOf(id), ranges,
                config.scoring().missing().carryForwardYears(), config.scoring().missing().minInputCoverage(),
                config.scoring().minCoverage());
    }

    /** Bands, rank intervals and convergence of every composite, Sobol indices of each region's latest. */
    @Benchmark
    public UncertaintyResult fullAnalysis() {
        return analyse();
    }

    /** Baseline: the plain recompute of the six regions the analysis varies. */
    @Benchmark
    public int baselinePlainRecompute() {
        int n = 0;
        for (var entry : data.entrySet()) {
            n += scorer.score(entry.getKey(), entry.getValue()).size();
        }
        return n;
    }
}
