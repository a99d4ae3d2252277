package io.ballast.server.http;

import io.ballast.server.config.HashedToken;
import io.ballast.server.config.Security;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Every token the server accepts, each kept only as the SHA-256 of its text, with its roles. A presented token is
 * hashed and compared with every known hash in constant time, so neither timing nor memory gives a token away.
 * Roles nest: admin holds ingest, ingest holds read.
 */
final class Access {

    /** Who a valid token belongs to and what it may do. */
    record Grant(String name, List<String> roles) {
        boolean holds(String role) {
            return roles.contains("admin") || roles.contains(role) || (role.equals("read") && roles.contains("ingest"));
        }
    }

    private record Known(byte[] hash, Grant grant) {
    }

    private final List<Known> known;

    private Access(List<Known> known) {
        this.known = List.copyOf(known);
    }

    /** The admin token, the ingest token if set, and the hashed tokens of the config. */
    static Access of(String adminToken, Security security) {
        List<Known> known = new ArrayList<>();
        known.add(new Known(sha256(adminToken), new Grant("admin", List.of("admin"))));
        security.ingestToken().ifPresent(t -> known.add(new Known(sha256(t), new Grant("ingest", List.of("ingest")))));
        for (HashedToken t : security.tokens()) {
            known.add(new Known(HexFormat.of().parseHex(t.sha256()), new Grant(t.name(), t.roles())));
        }
        return new Access(known);
    }

    /** The grant of a presented token, if it is known; every known hash is compared, whatever matches first. */
    Optional<Grant> check(String presented) {
        byte[] hash = sha256(presented);
        Grant match = null;
        for (Known k : known) {
            if (MessageDigest.isEqual(k.hash(), hash)) {
                match = k.grant();
            }
        }
        return Optional.ofNullable(match);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
