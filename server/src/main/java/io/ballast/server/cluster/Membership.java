package io.ballast.server.cluster;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What this node sees of the cluster at one moment: this node's address, the members Hazelcast sees (addresses), and
 * the plugin set (ids and versions) each member announced, from which a mismatch is read. A member that has not
 * announced its set yet does not count as a mismatch.
 */
public record Membership(String node, List<String> members, Map<String, String> plugins) {

    public Membership {
        members = List.copyOf(members);
        plugins = Map.copyOf(new TreeMap<>(plugins));
    }

    /** Before the first look. */
    static Membership unknown(String node) {
        return new Membership(node, List.of(), Map.of());
    }

    /** Whether every member that announced its plugin set announced this node's. */
    public boolean pluginsMatch() {
        String mine = plugins.get(node);
        return mine == null || plugins.values().stream().allMatch(mine::equals);
    }

    /** The members whose plugin set differs from this node's, with theirs. */
    public Map<String, String> differing() {
        String mine = plugins.get(node);
        Map<String, String> out = new TreeMap<>();
        plugins.forEach((member, set) -> {
            if (mine != null && !set.equals(mine)) {
                out.put(member, set);
            }
        });
        return out;
    }

    /** The {@code cluster} check of {@code /health/ready}. */
    public Map<String, Object> report() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("node", node);
        out.put("members", members.size());
        out.put("addresses", members);
        out.put("plugins", pluginsMatch() ? "MATCH" : "MISMATCH");
        out.put("pluginSet", plugins.getOrDefault(node, ""));
        if (!pluginsMatch()) {
            out.put("differing", differing());
        }
        return out;
    }
}
