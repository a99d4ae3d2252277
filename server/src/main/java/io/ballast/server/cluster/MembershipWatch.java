package io.ballast.server.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps {@link Membership} fresh: every {@code periodMs} it announces this node's plugin set in a cluster-wide map
 * (entries expire, so a dead node's vanishes) and reads the members and their sets. Read by {@code /health/ready}
 * and scraped as {@code ballast_cluster_members}, {@code ballast_cluster_member{address}} and
 * {@code ballast_cluster_plugins_mismatch}.
 */
public final class MembershipWatch {

    private static final String MAP = "ballast.cluster.plugin-sets";

    private final Vertx vertx;
    private final ClusterNode node;
    private final Supplier<String> pluginSet;
    private final long periodMs;
    private volatile Membership now;
    private MultiGauge addresses;

    /** {@code pluginSet}: this node's started plugins as sorted {@code id@version} text. */
    public MembershipWatch(Vertx vertx, ClusterNode node, Supplier<String> pluginSet, long periodMs) {
        this.vertx = vertx;
        this.node = node;
        this.pluginSet = pluginSet;
        this.periodMs = periodMs;
        this.now = Membership.unknown(node.address());
    }

    /** Looks once now (so readiness is right from the start), then every period. */
    public Future<Void> start() {
        return refresh().onComplete(done -> vertx.setPeriodic(periodMs, t -> refresh()));
    }

    /** What this node sees now. */
    public Membership now() {
        return now;
    }

    /** The cluster's meters. */
    public void bind(MeterRegistry registry) {
        Gauge.builder("ballast.cluster.members", () -> now.members().size())
                .description("cluster members this node sees, itself included").register(registry);
        Gauge.builder("ballast.cluster.plugins.mismatch", () -> now.pluginsMatch() ? 0 : 1)
                .description("1 when a member announced a plugin set (ids and versions) other than this node's")
                .register(registry);
        addresses = MultiGauge.builder("ballast.cluster.member")
                .description("1 per member this node sees, by address").register(registry);
    }

    private Future<Void> refresh() {
        List<String> members = node.members();
        String mine = pluginSet.get();
        return vertx.sharedData().<String, String>getAsyncMap(MAP)
                .compose(map -> map.put(node.id(), node.address() + " " + mine, 3 * periodMs + 5000)
                        .compose(v -> sets(map, node.nodeIds())))
                .map(sets -> {
                    sets.put(node.address(), mine);
                    now = new Membership(node.address(), members, sets);
                    if (addresses != null) {
                        addresses.register(members.stream().map(a -> MultiGauge.Row.of(Tags.of("address", a), 1))
                                .toList(), true);
                    }
                    return (Void) null;
                })
                .recover(e -> { // Hazelcast unreachable: the members are still what it saw
                    now = new Membership(node.address(), members, now.plugins());
                    return Future.succeededFuture();
                });
    }

    /** The plugin sets the current members announced, by address. */
    private static Future<Map<String, String>> sets(AsyncMap<String, String> map, List<String> nodeIds) {
        return map.entries().map(entries -> {
            Map<String, String> out = new HashMap<>();
            entries.forEach((id, value) -> {
                int space = value.indexOf(' ');
                if (nodeIds.contains(id) && space > 0) {
                    out.put(value.substring(0, space), value.substring(space + 1));
                }
            });
            return out;
        });
    }
}
