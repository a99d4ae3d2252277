package io.ballast.server.score;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The two sides of resilience the EU JRC dashboards keep apart: {@code vulnerability} (0-100, higher is more
 * vulnerable) from the inputs tagged as vulnerabilities, {@code capacity} (0-100, higher is more capacity) from those
 * tagged as capacities; either is null when no input of that kind is present.
 */
public record Subscores(@JsonInclude(JsonInclude.Include.ALWAYS) Double vulnerability,
                        @JsonInclude(JsonInclude.Include.ALWAYS) Double capacity) {

    static final Subscores NONE = new Subscores(null, null);
}
