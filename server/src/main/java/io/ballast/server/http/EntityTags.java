package io.ballast.server.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Entity tags of answered bytes and the {@code If-None-Match} test (RFC 9110, 13.1.2): {@code *}, or a list of tags
 * compared weakly, so {@code W/"x"} matches {@code "x"}.
 */
final class EntityTags {

    private EntityTags() {
    }

    /** A strong tag of {@code bytes}: the first 128 bits of their SHA-256, quoted. */
    static String of(byte[] bytes) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether an {@code If-None-Match} value (may be null) names {@code etag}: the client holds this version. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = weakless(etag);
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || weakless(t).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    private static String weakless(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
