package io.ballast.server.score;

import io.ballast.server.config.BallastConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Great Leap Forward check: over the configured window, did capacity rise while labor conditions fell, each by
 * more than the minimum change? Output pushed while the people producing it fare worse is what a strong composite
 * must not hide. Both sides are measured on a fixed basket (the inputs present or carried at both ends), and capacity
 * only on the configured inputs, chosen because they do not rise merely because GDP fell: a recession that shrinks GDP
 * lifts every ratio to GDP, R&D intensity among them, while unemployment rises, and that is not a push for output.
 */
final class Divergence {

    static final String KIND = "capacity-labor-divergence";

    private final BallastConfig.Divergence rule;
    private final double minShare;

    Divergence(BallastConfig.Divergence rule, double minShare) {
        this.rule = rule;
        this.minShare = minShare;
    }

    /** How many years before the first scored year the check looks back. */
    int window() {
        return rule.window();
    }

    /** The check for {@code year}, given every measured year's readings by year. */
    DivergenceCheck check(int year, Map<Integer, List<IndicatorScore>> readings) {
        int start = year - rule.window();
        IndicatorScore capThen = find(readings, start, rule.capacity());
        IndicatorScore capNow = find(readings, year, rule.capacity());
        IndicatorScore labThen = find(readings, start, rule.labor());
        IndicatorScore labNow = find(readings, year, rule.labor());
        for (IndicatorScore s : new IndicatorScore[] {capThen, capNow, labThen, labNow}) {
            if (s == null || !s.scored()) {
                return DivergenceCheck.untested(start, "needs readings of " + rule.capacity() + " and " + rule.labor()
                        + " in " + start + " and " + year);
            }
        }
        Set<String> capKeys = new LinkedHashSet<>(rule.capacityInputs());
        capKeys.retainAll(LikeForLike.keys(capThen));
        capKeys.retainAll(LikeForLike.keys(capNow));
        if (capKeys.isEmpty()) {
            return DivergenceCheck.untested(start, "none of the capacity inputs " + rule.capacityInputs()
                    + " is present in both " + start + " and " + year);
        }
        var capBefore = LikeForLike.on(capThen, capKeys);
        var capAfter = LikeForLike.on(capNow, capKeys);
        if (capBefore.isEmpty() || capAfter.isEmpty()) {
            return DivergenceCheck.untested(start, rule.capacity() + " does not decompose into its inputs");
        }
        LikeForLike.Comparison labor = LikeForLike.compare(labThen, labNow, minShare);
        if (labor.reason() != null) {
            return DivergenceCheck.untested(start, rule.labor() + ": " + labor.reason());
        }
        double capacityRise = capAfter.get() - capBefore.get();
        double laborChange = labor.now() - labor.before();
        Set<String> laborKeys = new LinkedHashSet<>(LikeForLike.keys(labNow));
        laborKeys.retainAll(LikeForLike.keys(labThen));
        boolean fired = capacityRise > rule.minChange() && -laborChange > rule.minChange();
        String message = fired ? String.format(Locale.ROOT, "Capacity (%s) rose %.1f points from %d to %d while "
                        + "labor conditions fell %.1f points: output is being pushed while the people producing it "
                        + "fare worse.", String.join(", ", capKeys), capacityRise, start, year, -laborChange) : null;
        return new DivergenceCheck(true, fired, start, Numbers.round(capacityRise), Numbers.round(laborChange),
                List.copyOf(capKeys), List.copyOf(laborKeys), null, message);
    }

    private static IndicatorScore find(Map<Integer, List<IndicatorScore>> readings, int year, String id) {
        return readings.getOrDefault(year, List.of()).stream().filter(s -> s.id().equals(id)).findFirst()
                .orElse(null);
    }
}
