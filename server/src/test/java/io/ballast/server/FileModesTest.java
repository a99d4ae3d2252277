package io.ballast.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server creates under its data folder (database, token, plugin cache, the folder itself) is its user's alone. */
class FileModesTest {

    @TempDir
    Path dir;

    @Test
    void theDataFolderTheDatabaseTheTokenAndThePluginCacheAreOwnerOnly() throws IOException {
        Path data = dir.resolve("new").resolve("data");
        try (TestServer server = TestServer.start(data, Map.of("BALLAST_ADMIN_TOKEN", ""))) {
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("plugin-cache"))).isEqualTo("rwx------");
            assertThat(mode(data.resolve("ballast.mv.db"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("admin-token"))).isEqualTo("rw-------");
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
