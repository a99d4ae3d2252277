package io.ballast.server.cluster;

import com.hazelcast.cluster.Member;
import io.ballast.server.config.Cluster;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;

/**
 * This node's place in the cluster: the Vert.x Hazelcast cluster manager configured from {@code cluster:}, the event
 * bus bound to the same interface, and the members Hazelcast sees now. Created only when {@code cluster.enabled}, so a
 * single node never loads Hazelcast.
 */
public final class ClusterNode {

    private final Cluster config;
    private final HazelcastClusterManager manager;

    private ClusterNode(Cluster config, HazelcastClusterManager manager) {
        this.config = config;
        this.manager = manager;
    }

    /** A node to join the cluster {@code config} names; it joins when the clustered Vert.x starts. */
    public static ClusterNode of(Cluster config) {
        return new ClusterNode(config, new HazelcastClusterManager(HazelcastSettings.of(config)));
    }

    /** The cluster manager to build Vert.x with. */
    public ClusterManager manager() {
        return manager;
    }

    /** Vert.x options with the event bus on this node's interface (its port from {@code cluster.bus-port}). */
    public VertxOptions busOn(VertxOptions options) {
        options.getEventBusOptions().setHost(config.host()).setClusterPublicHost(config.host())
                .setPort(config.busPort());
        return options;
    }

    /** This node's id, as Vert.x knows it. */
    public String id() {
        return manager.getNodeId();
    }

    /** This node's Hazelcast address, {@code host:port}. */
    public String address() {
        return config.host() + ":" + config.port();
    }

    /** The members Hazelcast sees now, this one included, as {@code host:port}, oldest first. */
    public List<String> members() {
        if (manager.getHazelcastInstance() == null || !manager.getHazelcastInstance().getLifecycleService().isRunning()) {
            return List.of();
        }
        return manager.getHazelcastInstance().getCluster().getMembers().stream().map(ClusterNode::address).toList();
    }

    /** The Vert.x node ids of the members now. */
    public List<String> nodeIds() {
        return manager.isActive() ? manager.getNodes() : List.of();
    }

    private static String address(Member member) {
        return member.getAddress().getHost() + ":" + member.getAddress().getPort();
    }
}
