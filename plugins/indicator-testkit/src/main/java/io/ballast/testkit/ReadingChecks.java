package io.ballast.testkit;

import static io.ballast.testkit.UnderTest.closeQuietly;
import static io.ballast.testkit.UnderTest.descriptorOf;
import static io.ballast.testkit.UnderTest.failure;
import static io.ballast.testkit.UnderTest.fresh;
import static io.ballast.testkit.UnderTest.outcome;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ballast.api.Component;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorReading;
import io.ballast.api.MissingDataException;
import io.ballast.api.MissingDataPolicy;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The {@link IndicatorContract} checks of what one reading holds: {@link IndicatorContract#scoresStayWithin0To100()}
 * (any values give a valid reading or a MissingDataException) and {@link IndicatorContract#toleratesMissingData()}
 * (absent inputs are reported, not crashed on). The records' constructors already refuse a score, component or
 * coverage out of range; these checks add what depends on the context.
 */
final class ReadingChecks {

    private ReadingChecks() {
    }

    /** Extreme and random values for the ten years before the period and the year after it. */
    static void scoresStayWithinRange(IndicatorContract contract) {
        TestContext sample = contract.sample();
        List<String> codes = SampleContexts.seriesOf(descriptorOf(contract), sample);
        List<TestContext> contexts = SampleContexts.extremeAndRandom(sample, codes, sample.period() - 10,
                sample.period() + 1);
        Indicator indicator = fresh(contract);
        try {
            for (TestContext context : contexts) {
                Object outcome = outcome(indicator, context, "extreme or random values");
                if (outcome instanceof IndicatorReading reading) {
                    assertCarriesNoFurther(reading, context);
                }
            }
        } finally {
            closeQuietly(indicator);
        }
    }

    /** A context without values, then one holding a single input for each input in turn. */
    static void toleratesMissingData(IndicatorContract contract) {
        TestContext sample = contract.sample();
        Indicator indicator = fresh(contract);
        try {
            failsWithoutValues(indicator, sample.toBuilder().withoutValues().build());
            List<String> inputs = List.copyOf(new LinkedHashSet<>(descriptorOf(indicator).inputs()));
            for (String present : inputs) {
                measuresWithOnly(indicator, sample, present, inputs);
            }
        } finally {
            closeQuietly(indicator);
        }
    }

    private static void failsWithoutValues(Indicator indicator, TestContext empty) {
        IndicatorReading reading;
        try {
            reading = indicator.measure(empty);
        } catch (MissingDataException expected) {
            reading = null;
        } catch (RuntimeException e) {
            throw failure("measure() threw " + e + " for a context without any values (" + empty + "): check "
                    + "context.value(...).isPresent() before getAsDouble(), and throw MissingDataException "
                    + "naming the absent series when nothing can be measured", e);
        }
        if (reading != null) {
            fail("measure() returned " + reading + " for a context without any values (" + empty + "): throw "
                    + "MissingDataException naming the absent series when nothing can be measured");
        }
    }

    /** A context holding only {@code present}: a MissingDataException, or a reading owning up to what it lacks. */
    private static void measuresWithOnly(Indicator indicator, TestContext sample, String present,
                                         List<String> inputs) {
        TestContext.Builder builder = sample.toBuilder().withoutValues();
        sample.series(present).forEach((year, value) -> builder.value(present, year, value));
        TestContext only = builder.build();
        Object outcome = outcome(indicator, only, "a context holding only " + present);
        if (!(outcome instanceof IndicatorReading partial)) {
            return;
        }
        assertCarriesNoFurther(partial, only);
        if (inputs.size() < 2) {
            return;
        }
        assertTrue(partial.coverage() < 1, () -> "measure() reported coverage " + partial.coverage()
                + " for a context holding only " + present + " of the inputs " + inputs + " (" + only
                + "): coverage is the share of the input present, below 1 when inputs are missing");
        for (String absent : inputs) {
            if (absent.equals(present)) {
                continue;
            }
            assertTrue(partial.missing().stream().anyMatch(m -> m.contains(absent)),
                    () -> "measure() did not name the absent input " + absent + " in missing() "
                            + partial.missing() + " for a context holding only " + present + " (" + only
                            + "): list every input that had no value");
        }
    }

    /**
     * What the records' constructors cannot check, because it depends on the context: nothing is carried further
     * forward than the context's missing-data rule allows. (A reading below the rule's minimum coverage is allowed
     * here; the host withholds it, see the plugin guide.)
     */
    private static void assertCarriesNoFurther(IndicatorReading reading, TestContext context) {
        String where = " for " + context;
        MissingDataPolicy policy = context.missingData();
        for (Component c : reading.components()) {
            assertTrue(c.lag() <= policy.carryForwardYears(), () -> "component '" + c.label() + "' carries a value "
                    + c.lag() + " years forward" + where + ", but the context allows "
                    + policy.carryForwardYears() + " (context.missingData()): treat older values as missing");
        }
    }
}
