package io.ballast.server.audit;

import io.ballast.server.ingest.Baseline;
import io.ballast.server.score.IndicatorScore;
import io.ballast.server.score.YearScores;
import io.ballast.server.store.NewObservation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Step 9, links to other measures: the rank correlation of the composite with each of its indicators (which ones
 * drive it), and with two measures outside it: GDP in current US$ (is the composite a measure of size?) and GDP per
 * person employed (is it merely a measure of development? that one is also an input of labor conditions, which the
 * report says). Pooled over every economy-year with a composite.
 */
final class Links {

    private static final String GDP = "NY.GDP.MKTP.CD";
    private static final String OUTPUT_PER_WORKER = "SL.GDP.PCAP.EM.KD";

    private final Map<String, List<YearScores>> years;
    private final Map<String, Double> outside = new HashMap<>();

    Links(Map<String, List<YearScores>> years, Baseline baseline) {
        this.years = years;
        for (NewObservation o : baseline.observations()) {
            if (o.series().equals(GDP) || o.series().equals(OUTPUT_PER_WORKER)) {
                outside.put(o.series() + '/' + o.region() + '/' + o.period(), o.value());
            }
        }
    }

    String describe() {
        var out = new StringBuilder("Step 9, links: Spearman rank correlation of the composite with, pooled over "
                + "every economy-year that has one\n");
        Map<String, List<double[]>> pairs = new LinkedHashMap<>();
        years.forEach((region, list) -> list.forEach(y -> {
            if (y.composite().score() == null) {
                return;
            }
            double composite = y.composite().score();
            for (IndicatorScore s : y.indicators()) {
                if (s.score() != null) {
                    pairs.computeIfAbsent("its indicator " + s.id(), k -> new ArrayList<>())
                            .add(new double[] {composite, s.score()});
                }
            }
            add(pairs, "GDP, current US$ (size)", GDP, region, y.period(), composite);
            add(pairs, "GDP per person employed (development; also an input of labor conditions)",
                    OUTPUT_PER_WORKER, region, y.period(), composite);
        }));
        pairs.forEach((what, list) -> {
            double rho = list.size() < 3 ? Double.NaN : new SpearmansCorrelation().correlation(
                    list.stream().mapToDouble(p -> p[0]).toArray(), list.stream().mapToDouble(p -> p[1]).toArray());
            out.append(String.format(Locale.ROOT, "  %s: rho = %s (n = %d)%n", what,
                    Double.isNaN(rho) ? "-" : String.format(Locale.ROOT, "%.2f", rho), list.size()));
        });
        return out.toString();
    }

    private void add(Map<String, List<double[]>> pairs, String what, String series, String region, int year,
                     double composite) {
        Double value = outside.get(series + '/' + region + '/' + year);
        if (value != null) {
            pairs.computeIfAbsent(what, k -> new ArrayList<>()).add(new double[] {composite, value});
        }
    }
}
