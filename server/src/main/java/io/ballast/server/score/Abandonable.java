package io.ballast.server.score;

import io.ballast.server.score.uncertainty.Model;
import java.util.function.BooleanSupplier;

/**
 * A model whose evaluations stop once its answer is no longer wanted: an analysis of scores that have changed since
 * would be thrown away, so it gives the cores back to scoring and delivery at once.
 */
record Abandonable(Model model, BooleanSupplier abandoned) implements Model {

    /** Thrown by an evaluation after the analysis was abandoned. */
    static final class AbandonedException extends RuntimeException {
        AbandonedException() {
            super("the analysed scores changed", null, false, false);
        }
    }

    /** Throws {@link AbandonedException} once {@code abandoned} says so: for the steps between evaluations. */
    static void stopIf(BooleanSupplier abandoned) {
        if (abandoned.getAsBoolean()) {
            throw new AbandonedException();
        }
    }

    @Override
    public int outputs() {
        return model.outputs();
    }

    @Override
    public void evaluate(double[] factorValues, double[] out) {
        stopIf(abandoned);
        model.evaluate(factorValues, out);
    }
}
