package io.ballast.testkit;

import static io.ballast.testkit.UnderTest.closeQuietly;
import static io.ballast.testkit.UnderTest.descriptorOf;
import static io.ballast.testkit.UnderTest.fresh;
import static io.ballast.testkit.UnderTest.measuredAlone;
import static io.ballast.testkit.UnderTest.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.ballast.api.Indicator;
import java.util.List;
import java.util.Random;

/**
 * The {@link IndicatorContract} checks that a reading depends on its context alone:
 * {@link IndicatorContract#measuringIsDeterministic()} (not on the run),
 * {@link IndicatorContract#hasNoSharedMutableState()} (not on what was measured before) and
 * {@link IndicatorContract#aYearsScoreDoesNotDependOnLaterYears()} (not on data after the period).
 */
final class IndependenceChecks {

    private static final String SHARED_STATE_FIX = ". Keep no mutable fields or static state in the indicator (no "
            + "counters, caches or 'last context'): compute every reading from its context alone";

    private IndependenceChecks() {
    }

    static void deterministic(IndicatorContract contract) {
        TestContext sample = contract.sample();
        for (TestContext context : List.of(sample, SampleContexts.perturbed(sample, 7))) {
            Indicator indicator = fresh(contract);
            try {
                Object first = outcome(indicator, context, "the same context twice");
                Object second = outcome(indicator, context, "the same context twice");
                assertEquals(first, second, () -> "measure() gave different results for the same context "
                        + context + ": first " + first + ", then " + second + ". A reading must depend on the "
                        + "context alone: use context.clock() instead of the system clock, and no random numbers, "
                        + "counters or caches");
            } finally {
                closeQuietly(indicator);
            }
        }
    }

    static void noSharedMutableState(IndicatorContract contract) {
        TestContext a = contract.sample();
        TestContext b = SampleContexts.perturbed(a, 11);
        Object aloneA = measuredAlone(contract, a, "context A");
        Object aloneB = measuredAlone(contract, b, "context B");
        interleaved(contract, a, b, aloneA, aloneB);
        Indicator one = fresh(contract);
        try {
            Object before = outcome(one, a, "context A");
            outcome(one, b, "context B");
            Object after = outcome(one, a, "context A");
            assertEquals(before, after, () -> "measuring context B in between changed the reading of context A "
                    + "from " + before + " to " + after + " (A = " + a + ", B = " + b + ")" + SHARED_STATE_FIX);
        } finally {
            closeQuietly(one);
        }
    }

    /** Two instances measuring A and B in turn agree with what fresh instances gave. */
    private static void interleaved(IndicatorContract contract, TestContext a, TestContext b, Object aloneA,
                                    Object aloneB) {
        Indicator first = fresh(contract);
        Indicator second = fresh(contract);
        try {
            assertNotSame(first, second, "indicator() must return a new instance on each call, e.g. "
                    + "'return new MyIndicator();'");
            String[] steps = {"1A", "2B", "1A", "2B", "1B", "2A"};
            for (int i = 0; i < steps.length; i++) {
                Indicator which = steps[i].charAt(0) == '1' ? first : second;
                boolean isA = steps[i].charAt(1) == 'A';
                Object expected = isA ? aloneA : aloneB;
                Object actual = outcome(which, isA ? a : b, "interleaved contexts");
                int step = i + 1;
                assertEquals(expected, actual, () -> "two instances measuring two contexts in turn: step " + step
                        + " (instance " + steps[step - 1].charAt(0) + ", context " + steps[step - 1].charAt(1)
                        + ") gave " + actual + " but a fresh instance gave " + expected + " (A = " + a + ", B = "
                        + b + ")" + SHARED_STATE_FIX);
            }
        } finally {
            closeQuietly(first);
            closeQuietly(second);
        }
    }

    static void noLaterYears(IndicatorContract contract) {
        TestContext sample = contract.sample();
        List<String> codes = SampleContexts.seriesOf(descriptorOf(contract), sample);
        Random random = new Random(1_989L);
        Indicator indicator = fresh(contract);
        try {
            for (int period : new int[] {sample.period(), sample.period() - 2}) {
                TestContext full = sample.atPeriod(period);
                TestContext base = full.toBuilder().withoutYearsAfter(period).build();
                Object expected = outcome(indicator, base, "values up to " + period);
                for (TestContext context : SampleContexts.withLaterYears(base, full, codes, period, random)) {
                    Object actual = outcome(indicator, context, "values after " + period);
                    assertEquals(expected, actual, () -> "adding values for the years after " + period
                            + " changed its reading from " + expected + " to " + actual + " (" + context + "): "
                            + "a year's reading must use only that year's and earlier values, so that past scores "
                            + "stay put as new data arrive");
                }
            }
        } finally {
            closeQuietly(indicator);
        }
    }
}
