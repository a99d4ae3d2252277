package io.ballast.server.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;

/**
 * Several Ballast nodes joined into one cluster (Vert.x over Hazelcast): whether this node joins, the interface and
 * port it binds and is reached on, the members to contact ({@code host:port}, a list or comma-separated text; empty
 * means this node's own address), the cluster's name (nodes with another name never join), and the event bus port
 * (0: a free one).
 */
public record Cluster(boolean enabled, String host, @Range(min = 1, max = 65535) int port,
                      @JsonDeserialize(using = ConfigTypes.CommaList.class) List<String> members, String name,
                      @Range(min = 0, max = 65535) int busPort) {

    public Cluster {
        host = Invalid.text(host, "host").strip();
        name = Invalid.text(name, "name").strip();
        members = members == null ? List.of() : List.copyOf(members);
        for (String member : members) {
            int colon = member.lastIndexOf(':');
            Invalid.unless(colon > 0 && member.substring(colon + 1).matches("[0-9]{1,5}")
                    && Integer.parseInt(member.substring(colon + 1)) <= 65535, "members",
                    "a list of host:port addresses such as 10.0.0.5:5701, but '" + member + "' is not one");
        }
    }

    /** The members to contact: the configured ones, or this node's own address when none are. */
    public List<String> contacts() {
        return members.isEmpty() ? List.of(host + ":" + port) : members;
    }
}
