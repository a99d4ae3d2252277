package io.ballast.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin token: from config or the environment when set; otherwise read from, or on first start generated into,
 * {@code <data.dir>/admin-token} with owner-only permissions. The token itself is never logged.
 */
public final class AdminToken {

    private static final Logger LOG = LoggerFactory.getLogger(AdminToken.class);
    static final String FILE = "admin-token";

    private AdminToken() {
    }

    /** The token to accept for every role. */
    public static String resolve(BallastConfig config) {
        if (config.security().adminToken().isPresent()) {
            return config.security().adminToken().get();
        }
        Path file = config.data().dir().resolve(FILE);
        try {
            if (Files.exists(file)) {
                String token = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (token.length() < 16) {
                    throw new ConfigException(file + " holds no usable token (under 16 characters); delete it to "
                            + "have a new one generated");
                }
                return token;
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.getParent());
            create(file);
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            LOG.info("Generated an admin token; it is in {} (readable by this user only)", file.toAbsolutePath());
            return token;
        } catch (IOException e) {
            throw new ConfigException("cannot read or create the admin token file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // another process created it first; we overwrite with ours only if it is still empty
        }
    }
}
