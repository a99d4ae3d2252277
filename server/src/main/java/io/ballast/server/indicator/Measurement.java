package io.ballast.server.indicator;

import io.ballast.api.IndicatorReading;
import io.ballast.api.MissingDataException;
import java.util.Optional;

/**
 * What one measure call gave: a reading, or the plugin's word that it has too little data (with its reason), or
 * nothing, when the plugin failed (it is then marked FAILED with the cause) or was never reached.
 */
public record Measurement(Optional<IndicatorReading> reading, Optional<MissingDataException> missing) {

    static final Measurement NONE = new Measurement(Optional.empty(), Optional.empty());

    static Measurement of(IndicatorReading reading) {
        return new Measurement(Optional.of(reading), Optional.empty());
    }

    static Measurement missing(MissingDataException e) {
        return new Measurement(Optional.empty(), Optional.of(e));
    }
}
