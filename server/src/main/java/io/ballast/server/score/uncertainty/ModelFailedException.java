package io.ballast.server.score.uncertainty;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The model threw on one run; the run and its factor values say which draw to reproduce it with. */
public final class ModelFailedException extends RuntimeException {

    private final int run;
    private final Map<String, Double> factorValues;

    ModelFailedException(int run, Map<String, Double> factorValues, Throwable cause) {
        super("the model failed on run " + run + " with " + factorValues + ": " + cause, cause);
        this.run = run;
        this.factorValues = Collections.unmodifiableMap(new LinkedHashMap<>(factorValues));
    }

    public int run() {
        return run;
    }

    public Map<String, Double> factorValues() {
        return factorValues;
    }
}
