package io.ballast.server.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.score.ScoreJson;
import io.ballast.server.score.ScoreService;
import io.ballast.server.score.ScoreSink;
import io.ballast.server.score.UncertaintyResult;
import io.ballast.server.score.YearScores;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scores' side of a cluster. The node that accepted a write scores it (once in the cluster), stores the scores
 * and sends the events; through this sink it also hands the region's new years and, later, the uncertainty analysis
 * of them to every other node, which takes them into its panel and rebuilds its documents without scoring or
 * analysing again, and drops its cached series of that region. Each message names its sender, which ignores its own.
 */
public final class ClusterScores implements ScoreSink {

    static final String SCORED = "ballast.cluster.scored";
    static final String ANALYSED = "ballast.cluster.analysed";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterScores.class);
    private static final TypeReference<List<YearScores>> YEARS = new TypeReference<>() { };

    private final Vertx vertx;
    private final ScoreSink streams;
    private final ScoreJson json;
    private final String node;
    private final DeliveryOptions fromHere;
    private final Counter scoredHere;
    private final Counter scoredElsewhere;
    private final Counter analysedHere;
    private final Counter analysedElsewhere;

    /**
     * {@code streams}: where this node's documents go (the stream's events); {@code node}: this node's id. Counts
     * the regions and analyses this node computed and those it took from others
     * ({@code ballast_cluster_regions_total} and {@code ballast_cluster_analyses_total} by {@code source}).
     */
    public ClusterScores(Vertx vertx, ScoreSink streams, ObjectMapper json, String node, MeterRegistry meters) {
        this.vertx = vertx;
        this.scoredHere = count(meters, "ballast.cluster.regions", "here");
        this.scoredElsewhere = count(meters, "ballast.cluster.regions", "adopted");
        this.analysedHere = count(meters, "ballast.cluster.analyses", "here");
        this.analysedElsewhere = count(meters, "ballast.cluster.analyses", "adopted");
        this.streams = streams;
        this.json = new ScoreJson(json);
        this.node = node;
        this.fromHere = new DeliveryOptions().addHeader("node", node);
    }

    /** Starts taking the other nodes' scores into {@code service}; {@code changed} hears of each region they scored. */
    public void receive(ScoreService service, Consumer<String> changed) {
        vertx.eventBus().<Buffer>consumer(SCORED, m -> fromOthers(m, () -> {
            String region = m.headers().get("region");
            changed.accept(region);
            service.adopt(region, json.read(m.body(), YEARS));
            scoredElsewhere.increment();
        }));
        vertx.eventBus().<Buffer>consumer(ANALYSED, m -> fromOthers(m, () -> {
            service.adopt(json.read(m.body(), UncertaintyResult.class));
            analysedElsewhere.increment();
        }));
    }

    private static Counter count(MeterRegistry meters, String name, String source) {
        return Counter.builder(name).tag("source", source)
                .description("scored regions and uncertainty analyses: computed on this node, or adopted from another")
                .register(meters);
    }

    private void fromOthers(Message<Buffer> message, IoStep step) {
        if (node.equals(message.headers().get("node"))) {
            return;
        }
        try {
            step.run();
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not take {} from node {}; this node's documents stay as they were until the next change",
                    message.address(), message.headers().get("node"), e);
        }
    }

    @Override
    public void publish(String region, String event, Buffer latestScores) {
        streams.publish(region, event, latestScores);
    }

    @Override
    public void scored(String region, List<YearScores> years) {
        vertx.eventBus().publish(SCORED, json.write(years),
                new DeliveryOptions().addHeader("node", node).addHeader("region", region));
        scoredHere.increment();
    }

    @Override
    public void analysed(UncertaintyResult result) {
        vertx.eventBus().publish(ANALYSED, json.write(result), fromHere);
        analysedHere.increment();
    }

    /** One step of taking a message, which may fail to read it. */
    private interface IoStep {
        void run() throws IOException;
    }
}
