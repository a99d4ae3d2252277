package io.ballast.bench;

import io.ballast.api.IndicatorReading;
import io.ballast.api.MissingDataException;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigLoader;
import io.ballast.server.indicator.LoadedPlugin;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.score.RegionData;
import io.ballast.server.score.Scorer;
import io.ballast.server.score.YearScores;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The scoring path on the bundled baseline: the recompute one new observation causes (the latest year of one region,
 * with the years its divergence check looks back on), and a full recompute of 6 regions × 25 years. The baseline in
 * the same run calls the four plugins directly, without the per-call thread and time limit that isolate them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScoringBenchmark {

    private Map<String, RegionData> data;
    private PluginHost host;
    private Measurer measurer;
    private Scorer scorer;

    @Setup(Level.Trial)
    public void setUp() {
        BallastConfig config = new ConfigLoader().load(Optional.empty(), Map.of());
        data = BaselineData.byRegion();
        host = new PluginHost(id -> true);
        host.discover(ScoringBenchmark.class.getClassLoader(), "classpath");
        measurer = new Measurer(host, Duration.ofSeconds(2));
        scorer = new Scorer(host, measurer, config, Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        measurer.close();
    }

    /**
     * What a POSTed observation for China costs to score: every year of the region (plugins isolated, composites,
     * like-for-like changes, divergence), since carried values and changes tie the years together.
     */
    @Benchmark
    public List<YearScores> recomputeOneRegion() {
        return scorer.score("CHN", data.get("CHN"));
    }

    /** Rescoring everything: 6 regions, every year from 2000 (what a plugin change or a weight reload triggers). */
    @Benchmark
    public void fullRecompute6RegionsFrom2000(Blackhole hole) {
        data.forEach((region, regionData) -> hole.consume(scorer.score(region, regionData)));
    }

    /** Baseline: the same plugin calls as the full recompute, made directly on this thread, no isolation. */
    @Benchmark
    public void baselineDirectMeasureAllRegionsFrom2000(Blackhole hole) {
        for (var entry : data.entrySet()) {
            RegionData regionData = entry.getValue();
            int last = regionData.lastYear().orElse(1999);
            for (int year = 1997; year <= last; year++) {
                for (LoadedPlugin plugin : host.started()) {
                    var context = new DirectContext(entry.getKey(), year, regionData);
                    try {
                        IndicatorReading reading = plugin.indicator().measure(context);
                        hole.consume(reading);
                    } catch (MissingDataException e) {
                        hole.consume(e);
                    }
                }
            }
        }
    }

    /** A context over a region snapshot, as the server builds it, minus the settings merge. */
    private record DirectContext(String region, int period, RegionData data) implements io.ballast.api.IndicatorContext {
        @Override
        public java.util.OptionalDouble value(String seriesCode, int year) {
            return data.value(seriesCode, year);
        }

        @Override
        public Map<String, Double> settings() {
            return Map.of();
        }

        @Override
        public List<io.ballast.api.PolicyEvent> events() {
            return data.events();
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }
    }
}
