package io.ballast.server.cluster;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ballast.server.Ballast;
import io.ballast.server.config.ConfigLoader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node that cannot join its cluster does not start half-way: start-up fails and says why. */
class ClusterJoinTest {

    @TempDir
    Path dir;

    @Test
    void aNodeWhoseClusterPortIsTakenFailsToStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Map<String, String> env = Map.of("BALLAST_DATA_DIR", dir.toString(), "BALLAST_SERVER_PORT", "0",
                    "BALLAST_SERVER_HOST", "127.0.0.1", "BALLAST_ADMIN_TOKEN", "test-admin-token-0123456789",
                    "BALLAST_DATABASE_URL", "jdbc:h2:mem:join", "BALLAST_CLUSTER_ENABLED", "true",
                    "BALLAST_CLUSTER_HOST", "127.0.0.1", "BALLAST_CLUSTER_PORT",
                    Integer.toString(taken.getLocalPort()), "BALLAST_CLUSTER_NAME", "join-test");
            var config = new ConfigLoader().load(Optional.empty(), env);
            assertThatThrownBy(() -> Ballast.start(config, Optional.empty(), env).await())
                    .hasStackTraceContaining(Integer.toString(taken.getLocalPort()));
        }
    }
}
