package io.ballast.server.score;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Rounding for what is stored and served, and the weighted means the host recomputes readings with. */
final class Numbers {

    private Numbers() {
    }

    static double round(double value) {
        return round(value, 2);
    }

    static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }

    /** Σ wᵢxᵢ / Σ wᵢ over the items, or NaN when their weights add up to 0. */
    static <T> double weightedMean(List<T> items, ToDoubleFunction<T> value, ToDoubleFunction<T> weight) {
        double sum = 0;
        double total = 0;
        for (T item : items) {
            double w = weight.applyAsDouble(item);
            sum += w * value.applyAsDouble(item);
            total += w;
        }
        return total == 0 ? Double.NaN : sum / total;
    }
}
