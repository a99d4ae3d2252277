package io.ballast.server.config;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of the merged configuration came from: the default config, the config file, or an environment
 * variable. A key not recorded takes the origin of the nearest recorded key above it, then the fallback.
 */
final class Origins {

    private final Map<JsonPointer, String> byKey = new HashMap<>();
    private final String fallback;

    Origins(String fallback) {
        this.fallback = fallback;
    }

    void put(JsonPointer key, String origin) {
        byKey.put(key, origin);
    }

    /** Where the value at {@code key} came from, phrased for a message ("config file ballast.yaml"). */
    String of(JsonPointer key) {
        for (JsonPointer at = key; at != null; at = at.head()) {
            String origin = byKey.get(at);
            if (origin != null) {
                return origin;
            }
        }
        return fallback;
    }
}
