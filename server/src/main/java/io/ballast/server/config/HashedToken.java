package io.ballast.server.config;

import java.util.List;
import java.util.Locale;

/**
 * One entry of {@code security.tokens}: a token known by the SHA-256 hash (lower-case hex) of its text, with its
 * roles.
 */
public record HashedToken(String name, String sha256, List<String> roles) {
    public HashedToken {
        sha256 = sha256 == null ? null : sha256.strip().toLowerCase(Locale.ROOT);
        roles = roles == null ? null : List.copyOf(roles);
    }

    /** Checked once the entry is read whole, so that a misspelt key is named before a missing one. */
    void check(String at) {
        Invalid.text(name, at + ".name");
        Invalid.unless(sha256 != null && sha256.matches("[0-9a-f]{64}"), at + ".sha256", "64 hex digits (the "
                + "SHA-256 of the token; 'java -jar ballast-server.jar hash-token' prints it)");
        Invalid.unless(roles != null, at + ".roles", "a list of read, ingest or admin");
        for (String role : roles) {
            Invalid.unless(List.of("read", "ingest", "admin").contains(role), at + ".roles",
                    "a list of read, ingest or admin, not '" + role + "'");
        }
    }
}
