package io.ballast.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
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
            if (!Files.exists(file)) {
                generate(file);
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.length() < 16) {
                throw new ConfigException(file + " holds no usable token (under 16 characters); delete it to "
                        + "have a new one generated");
            }
            return token;
        } catch (IOException e) {
            throw new ConfigException("cannot read or create the admin token file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a new token to a private temporary file and links it into place, so the token file appears whole or not
     * at all. When another process linked its own first, that one stays and is the token read.
     */
    private static void generate(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent());
        Path draft = Files.createTempFile(file.getParent(), FILE, ".new", ownerOnly());
        try {
            Files.writeString(draft, token + "\n", StandardCharsets.UTF_8);
            link(file, draft);
            LOG.info("Generated an admin token; it is in {} (readable by this user only)", file.toAbsolutePath());
        } catch (FileAlreadyExistsException e) {
            LOG.debug("Another process generated {} first; using its token", file);
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    /** Links {@code draft} in as {@code file}; where links are not supported, moves it, never over an existing file. */
    private static void link(Path file, Path draft) throws IOException {
        try {
            Files.createLink(file, draft);
        } catch (UnsupportedOperationException e) {
            Files.move(draft, file);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }
}
