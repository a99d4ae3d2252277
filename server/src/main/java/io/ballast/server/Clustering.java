package io.ballast.server;

import io.ballast.server.cluster.ClusterEvents;
import io.ballast.server.cluster.ClusterNode;
import io.ballast.server.cluster.ClusterScores;
import io.ballast.server.cluster.MembershipWatch;
import io.ballast.server.score.ScoreService;
import io.ballast.server.score.ScoreSink;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Start-up stage 3b, on a cluster only: the stream's events numbered and spread cluster-wide (a member's recent
 * events taken over first), the scores of other nodes taken in, and the membership watched for readiness and metrics.
 * Configuration reloads stay per node: each node applies its own file.
 */
record Clustering(ClusterNode node, ClusterEvents events, MembershipWatch membership) {

    /** How often the membership and the plugin sets are read. */
    private static final long WATCH_MS = 2000;

    /** Joins the stream of a cluster, or nothing on a single node. */
    static Future<Optional<Clustering>> start(Platform platform, Streams streams, Plugins plugins) {
        if (platform.cluster().isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        ClusterNode node = platform.cluster().get();
        var events = new ClusterEvents(streams.events());
        var membership = new MembershipWatch(platform.vertx(), node, () -> pluginSet(plugins), WATCH_MS);
        membership.bind(platform.metrics().registry());
        return platform.vertx().deployVerticle(events)
                .compose(id -> membership.start())
                .map(v -> Optional.of(new Clustering(node, events, membership)));
    }

    /** Where scoring sends its results: the streams, and on a cluster the other nodes too. */
    static ScoreSink sink(Platform platform, Streams streams) {
        if (platform.cluster().isEmpty()) { // first: a single node loads no class of the cluster package
            return streams.events();
        }
        return new ClusterScores(platform.vertx(), streams.events(), platform.json(), platform.cluster().get().id(),
                platform.metrics().registry());
    }

    /** Takes other nodes' scores into this node's service, dropping this node's cached series of their regions. */
    static void receive(Platform platform, ScoreSink sink, ScoreService service, Store store) {
        if (platform.cluster().isPresent()) {
            service.sharesStore();
            ((ClusterScores) sink).receive(service, region -> store.series().invalidate(Set.of(region)));
        }
    }

    /** The {@code cluster} check of readiness: empty on a single node. */
    static Supplier<Map<String, Object>> health(Optional<Clustering> clustering) {
        return () -> clustering.map(c -> c.membership().now().report()).orElse(Map.of());
    }

    /** This node serves: its own new documents reach the streams from now on. */
    static void serving(Optional<Clustering> clustering) {
        clustering.ifPresent(c -> c.events().serving());
    }

    private static String pluginSet(Plugins plugins) {
        return plugins.host().started().stream().map(p -> p.id() + "@" + p.descriptor().version()).sorted()
                .collect(Collectors.joining(","));
    }
}
