package io.ballast.server.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.descriptive.moment.Variance;

/**
 * One indicator's inputs side by side: the Pearson correlation of every pair (over the observations that have both),
 * Cronbach's alpha over the observations that have them all, and the pairs so strongly correlated that they may
 * measure the same thing.
 */
final class InputCorrelations {

    private final String indicator;
    private final List<Map<String, Double>> samples;
    private final List<String> keys;

    InputCorrelations(String indicator, List<Map<String, Double>> samples) {
        this.indicator = indicator;
        this.samples = List.copyOf(samples);
        Set<String> all = new LinkedHashSet<>();
        samples.forEach(s -> all.addAll(s.keySet()));
        this.keys = List.copyOf(all);
    }

    /** The correlation of two inputs over the observations holding both, or NaN with fewer than 3 or no variation. */
    double correlation(String a, String b) {
        List<double[]> pairs = samples.stream().filter(s -> s.containsKey(a) && s.containsKey(b))
                .map(s -> new double[] {s.get(a), s.get(b)}).toList();
        if (pairs.size() < 3) {
            return Double.NaN;
        }
        double[] x = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = pairs.stream().mapToDouble(p -> p[1]).toArray();
        return new PearsonsCorrelation().correlation(x, y);
    }

    /** Cronbach's alpha k/(k-1) (1 - Σ var(item) / var(sum)) over the complete observations; NaN when undefined. */
    double alpha() {
        List<Map<String, Double>> complete = complete();
        int k = keys.size();
        if (k < 2 || complete.size() < 3) {
            return Double.NaN;
        }
        Variance variance = new Variance();
        double items = 0;
        for (String key : keys) {
            items += variance.evaluate(complete.stream().mapToDouble(s -> s.get(key)).toArray());
        }
        double total = variance.evaluate(complete.stream()
                .mapToDouble(s -> keys.stream().mapToDouble(s::get).sum()).toArray());
        return total == 0 ? Double.NaN : (k / (k - 1.0)) * (1 - items / total);
    }

    /** Pairs of inputs whose correlation is above {@link Audit#REDUNDANT} in absolute value. */
    List<String> redundantPairs() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            for (int j = i + 1; j < keys.size(); j++) {
                double r = correlation(keys.get(i), keys.get(j));
                if (Math.abs(r) > Audit.REDUNDANT) {
                    out.add(String.format(Locale.ROOT, "%s / %s (r = %.2f)", keys.get(i), keys.get(j), r));
                }
            }
        }
        return out;
    }

    private List<Map<String, Double>> complete() {
        return samples.stream().filter(s -> s.keySet().containsAll(keys)).toList();
    }

    String describe() {
        var out = new StringBuilder(String.format(Locale.ROOT, "%s: %d readings, %d with every input observed%n",
                indicator, samples.size(), complete().size()));
        int width = keys.stream().mapToInt(String::length).max().orElse(8);
        out.append(" ".repeat(width + 2));
        keys.forEach(k -> out.append(String.format(Locale.ROOT, "%8s", abbreviate(k))));
        out.append('\n');
        for (String a : keys) {
            out.append("  ").append(a).append(" ".repeat(width - a.length()));
            for (String b : keys) {
                double r = a.equals(b) ? 1 : correlation(a, b);
                out.append(Double.isNaN(r) ? "       -" : String.format(Locale.ROOT, "%8.2f", r));
            }
            out.append('\n');
        }
        double alpha = alpha();
        out.append("  Cronbach's alpha: ").append(Double.isNaN(alpha) ? "not defined (fewer than two inputs or "
                + "three complete observations)" : String.format(Locale.ROOT, "%.2f", alpha)).append('\n');
        List<String> flagged = redundantPairs();
        out.append("  pairs above |r| = ").append(Audit.REDUNDANT).append(": ")
                .append(flagged.isEmpty() ? "none" : String.join("; ", flagged)).append('\n');
        return out.toString();
    }

    private static String abbreviate(String key) {
        return key.length() <= 7 ? key : key.substring(0, 7);
    }
}
