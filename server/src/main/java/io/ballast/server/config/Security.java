package io.ballast.server.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Optional;

/**
 * The {@code security} section of the start-up settings: who may do what. The admin token (generated under the data
 * directory when not configured), a plain ingest token from the environment, hashed tokens with roles, whether reads
 * need a token, the write rate limit, CORS origins.
 */
public record Security(Optional<String> adminToken, Optional<String> ingestToken, List<HashedToken> tokens,
                       boolean protectReads, @Range(min = 1, max = 1_000_000) int writesPerMinute,
                       @JsonDeserialize(using = ConfigTypes.CommaList.class) List<String> corsOrigins) {
    /** The shortest token accepted: shorter ones can be guessed. */
    public static final int MIN_TOKEN_LENGTH = 16;

    public Security {
        adminToken = adminToken == null ? Optional.empty() : adminToken.map(String::strip).filter(t -> !t.isEmpty());
        ingestToken = ingestToken == null ? Optional.empty() : ingestToken.map(String::strip)
                .filter(t -> !t.isEmpty());
        strong(adminToken, "admin-token");
        strong(ingestToken, "ingest-token");
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            tokens.get(i).check("tokens[" + i + "]");
        }
    }

    private static void strong(Optional<String> token, String key) {
        Invalid.unless(token.map(t -> t.length() >= MIN_TOKEN_LENGTH).orElse(true), key, "at least "
                + MIN_TOKEN_LENGTH + " characters (a short token can be guessed; 'openssl rand -base64 32' "
                + "makes a good one), not " + token.map(String::length).orElse(0) + " characters");
    }
}
