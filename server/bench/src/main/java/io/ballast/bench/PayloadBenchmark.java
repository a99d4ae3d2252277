package io.ballast.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigLoader;
import io.ballast.server.indicator.Measurer;
import io.ballast.server.indicator.PluginHost;
import io.ballast.server.score.IndicatorScore;
import io.ballast.server.score.RegionData;
import io.ballast.server.score.Scorer;
import io.ballast.server.score.YearScores;
import io.ballast.server.stream.ScoreEvents;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
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

/**
 * The stream payload: serialising China's latest scores once, and framing that document as one SSE event (which
 * every subscriber then receives as the same buffer). The baseline serialises the same document per subscriber, as a
 * naive server would: the cost Ballast avoids once per connection.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PayloadBenchmark {

    private final ObjectMapper json = JsonMapper.builder().build();
    private Map<String, Object> latest;
    private Buffer serialised;
    private Vertx vertx;
    private ScoreEvents events;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        BallastConfig config = new ConfigLoader().load(Optional.empty(), Map.of());
        PluginHost host = new PluginHost(id -> true);
        host.discover(PayloadBenchmark.class.getClassLoader(), "classpath");
        try (Measurer measurer = new Measurer(host, Duration.ofSeconds(2))) {
            RegionData china = BaselineData.byRegion().get("CHN");
            List<YearScores> years = new Scorer(host, measurer, config, Clock.systemUTC()).score("CHN", china);
            YearScores year = years.stream().filter(y -> y.period() == 2024).findFirst().orElseThrow();
            latest = new LinkedHashMap<>();
            latest.put("region", "CHN");
            latest.put("period", year.period());
            latest.put("composite", year.composite());
            latest.put("indicators", year.indicators().toArray(IndicatorScore[]::new));
        }
        serialised = Buffer.buffer(json.writeValueAsBytes(latest));
        vertx = Vertx.vertx();
        events = new ScoreEvents(vertx);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        vertx.close().await();
    }

    /** Serialising the latest-scores document: done once per score change. */
    @Benchmark
    public byte[] serialiseLatestScores() throws Exception {
        return json.writeValueAsBytes(latest);
    }

    /** Framing a serialised document as an SSE event and publishing it to the HTTP verticles: once per change. */
    @Benchmark
    public long frameAndPublishOneEvent() {
        events.publish("CHN", "score", serialised);
        return events.currentSequence();
    }

    /** Baseline: what 1,000 subscribers would cost if each connection serialised its own copy. */
    @Benchmark
    public int baselineSerialisePerSubscriber1000() throws Exception {
        int bytes = 0;
        for (int i = 0; i < 1000; i++) {
            bytes += json.writeValueAsBytes(latest).length;
        }
        return bytes;
    }
}
