package io.ballast.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ballast.api.Component;
import io.ballast.api.Indicator;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.IndicatorReading;
import io.ballast.api.MissingDataException;
import io.ballast.api.MissingDataPolicy;
import io.ballast.api.PolicyEvent;
import java.time.LocalDate;
import java.util.OptionalInt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The checks every {@link Indicator} must pass, as a JUnit 5 test interface. A plugin's test implements it in one line:
 *
 * <pre>{@code
 * class MyIndicatorContractTest implements IndicatorContract {
 *     public Indicator indicator() { return new MyIndicator(); }
 * }
 * }</pre>
 *
 * <p>The checks hold for any indicator, whether or not it is built on {@link io.ballast.api.WeightedIndex}: a valid
 * descriptor; the same reading for the same context; a valid reading (or a {@link MissingDataException}) for any
 * values, extreme ones included, carrying nothing further than the context allows; missing data reported rather than
 * crashed on; no state shared between measurements; a year's reading independent of later years and later events; an
 * idempotent {@code close()}. Override {@link #sample()} when the
 * indicator needs particular values or settings to give a reading at all. Every failure says what to fix.
 */
public interface IndicatorContract {

    /** A new instance of the indicator under test; called several times, each call must return a fresh one. */
    Indicator indicator();

    /**
     * A context the indicator can measure: by default region {@code CHN}, period 2023, a value between 0 and 100 for
     * every year 2015-2024 of every series in {@code descriptor().inputs()} (pseudo-random from a fixed seed, so
     * always the same), and the descriptor's parameter defaults as settings. The checks derive their other contexts
     * from it (removing series, adding later years, randomising values) and keep its region, period and settings.
     */
    default TestContext sample() {
        IndicatorDescriptor descriptor = descriptorOf(this);
        TestContext.Builder builder = TestContext.of("CHN", 2023).defaultsOf(descriptor);
        Random random = new Random(0xBA11A57L);
        for (String code : new LinkedHashSet<>(descriptor.inputs())) {
            for (int year = 2015; year <= 2024; year++) {
                builder.value(code, year, Math.round(random.nextDouble() * 10_000) / 100.0);
            }
        }
        return builder.build();
    }

    /**
     * The id is lower-case words joined by dashes; name, description and version are set; inputs are listed once each;
     * descriptor() is the same every time.
     */
    @Test
    @DisplayName("descriptor is valid")
    default void descriptorIsValid() {
        IndicatorDescriptor descriptor = descriptorOf(this);
        String id = descriptor.id();
        assertTrue(id != null && Pattern.matches("[a-z0-9]+(-[a-z0-9]+)*", id),
                () -> "descriptor().id() '" + id + "' must be lower-case letters and digits separated by single "
                        + "dashes, such as 'research-intensity'");
        assertNotBlank(descriptor.name(), "name", "a display name such as 'Research intensity'");
        assertNotBlank(descriptor.description(), "description", "one sentence on what is measured");
        assertNotBlank(descriptor.version(), "version", "the plugin's version such as '1.0.0'");
        assertNotNull(descriptor.inputs(), "descriptor().inputs() must list the series codes the indicator reads");
        assertTrue(!descriptor.inputs().isEmpty(),
                "descriptor().inputs() must list at least one series code the indicator reads");
        Set<String> seen = new HashSet<>();
        for (String code : descriptor.inputs()) {
            assertNotBlank(code, "inputs() entry", "a series code such as 'GB.XPD.RSDV.GD.ZS'");
            assertTrue(seen.add(code), () -> "descriptor().inputs() lists '" + code + "' twice: list each series once");
        }
        assertNotNull(descriptor.parameters(), "descriptor().parameters() must be a list (empty when there are none)");
        IndicatorDescriptor again = descriptorOf(this);
        assertEquals(descriptor, again, "descriptor() must describe the indicator the same way every time: build "
                + "the descriptor from constants, not from the clock, random numbers or counters");
        Indicator same = fresh(this);
        try {
            IndicatorDescriptor first = descriptorOf(same);
            assertEquals(first, descriptorOf(same), "calling descriptor() twice on one instance gave different "
                    + "descriptors: build the descriptor from constants");
            assertEquals(descriptor, first, "two instances gave different descriptors: build the descriptor from "
                    + "constants");
        } finally {
            closeQuietly(same);
        }
    }

    /** The same context, measured twice by one instance, gives equal readings (or the same MissingDataException). */
    @Test
    @DisplayName("measuring is deterministic")
    default void measuringIsDeterministic() {
        TestContext sample = sample();
        for (TestContext context : List.of(sample, perturbed(sample, 7))) {
            Indicator indicator = fresh(this);
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

    /**
     * Over 300 seeded random contexts and contexts of extreme values (0, 1, -1, 1e-9, -1e-9, 100, -100, 1e6, 1e9,
     * -1e9), measure gives a valid reading (the records' constructors refuse a score or component outside 0-100, so
     * an out-of-range one fails as an exception naming it) that carries nothing further than the context allows; a
     * MissingDataException is allowed, any other exception fails.
     */
    @Test
    @DisplayName("scores stay within 0 to 100")
    default void scoresStayWithin0To100() {
        TestContext sample = sample();
        List<TestContext> contexts = new ArrayList<>();
        List<String> codes = seriesOf(descriptorOf(this), sample);
        int from = sample.period() - 10;
        int to = sample.period() + 1;
        for (double extreme : extremes()) {
            TestContext.Builder all = sample.toBuilder().withoutValues();
            for (String code : codes) {
                for (int year = from; year <= to; year++) {
                    all.value(code, year, extreme);
                }
            }
            contexts.add(all.build());
        }
        TestContext.Builder swings = sample.toBuilder().withoutValues();
        for (String code : codes) {
            for (int year = from; year <= to; year++) {
                swings.value(code, year, year % 2 == 0 ? 1e9 : -1e9);
            }
        }
        contexts.add(swings.build());
        Random random = new Random(20_240_607L);
        for (int i = 0; i < 300; i++) {
            contexts.add(randomContext(sample, codes, from, to, random));
        }
        Indicator indicator = fresh(this);
        try {
            for (TestContext context : contexts) {
                Object outcome = outcome(indicator, context, "extreme or random values");
                if (outcome instanceof IndicatorReading reading) {
                    assertValid(reading, context);
                }
            }
        } finally {
            closeQuietly(indicator);
        }
    }

    /**
     * A context without values gives a MissingDataException; one holding a single input gives a reading with coverage
     * below 1 naming the absent inputs in missing(), or a MissingDataException.
     */
    @Test
    @DisplayName("tolerates missing data")
    default void toleratesMissingData() {
        TestContext sample = sample();
        TestContext empty = sample.toBuilder().withoutValues().build();
        Indicator indicator = fresh(this);
        try {
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
            List<String> inputs = List.copyOf(new LinkedHashSet<>(descriptorOf(indicator).inputs()));
            for (String present : inputs) {
                TestContext.Builder builder = sample.toBuilder().withoutValues();
                sample.series(present).forEach((year, value) -> builder.value(present, year, value));
                TestContext only = builder.build();
                Object outcome = outcome(indicator, only, "a context holding only " + present);
                if (!(outcome instanceof IndicatorReading partial)) {
                    continue;
                }
                assertValid(partial, only);
                if (inputs.size() < 2) {
                    continue;
                }
                assertTrue(partial.coverage() < 1, () -> "measure() reported coverage " + partial.coverage()
                        + " for a context holding only " + present + " of the inputs " + inputs + " (" + only
                        + "): coverage is the share of the input present, below 1 when inputs are missing");
                for (String absent : inputs) {
                    if (absent.equals(present)) {
                        continue;
                    }
                    assertTrue(partial.missing().stream().anyMatch(m -> m != null && m.contains(absent)),
                            () -> "measure() did not name the absent input " + absent + " in missing() "
                                    + partial.missing() + " for a context holding only " + present + " (" + only
                                    + "): list every input that had no value");
                }
            }
        } finally {
            closeQuietly(indicator);
        }
    }

    /**
     * Two instances measuring two contexts in turn agree with fresh instances, and measuring another context in between
     * does not change a reading.
     */
    @Test
    @DisplayName("has no shared mutable state")
    default void hasNoSharedMutableState() {
        TestContext a = sample();
        TestContext b = perturbed(a, 11);
        Object aloneA = measuredAlone(this, a, "context A");
        Object aloneB = measuredAlone(this, b, "context B");
        String fix = ". Keep no mutable fields or static state in the indicator (no counters, caches or "
                + "'last context'): compute every reading from its context alone";
        Indicator first = fresh(this);
        Indicator second = fresh(this);
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
                        + b + ")" + fix);
            }
        } finally {
            closeQuietly(first);
            closeQuietly(second);
        }
        Indicator one = fresh(this);
        try {
            Object before = outcome(one, a, "context A");
            outcome(one, b, "context B");
            Object after = outcome(one, a, "context A");
            assertEquals(before, after, () -> "measuring context B in between changed the reading of context A "
                    + "from " + before + " to " + after + " (A = " + a + ", B = " + b + ")" + fix);
        } finally {
            closeQuietly(one);
        }
    }

    /** Values for the years after the period (any values) leave the period's reading unchanged. */
    @Test
    @DisplayName("a year's score does not depend on later years")
    default void aYearsScoreDoesNotDependOnLaterYears() {
        TestContext sample = sample();
        List<String> codes = seriesOf(descriptorOf(this), sample);
        Random random = new Random(1_989L);
        Indicator indicator = fresh(this);
        try {
            for (int period : new int[] {sample.period(), sample.period() - 2}) {
                TestContext full = sample.atPeriod(period);
                TestContext base = full.toBuilder().withoutYearsAfter(period).build();
                Object expected = outcome(indicator, base, "values up to " + period);
                List<TestContext> later = new ArrayList<>();
                later.add(full);
                // the later years get the same value throughout, or random values for NaN
                for (double fill : new double[] {0, 1, 100, 1e9, -1e9, Double.NaN}) {
                    TestContext.Builder builder = base.toBuilder();
                    for (String code : codes) {
                        for (int year = period + 1; year <= period + 3; year++) {
                            double value = Double.isNaN(fill) ? Math.round(random.nextDouble() * 10_000) / 100.0
                                    : fill;
                            builder.value(code, year, value);
                        }
                    }
                    later.add(builder.build());
                }
                later.add(base.toBuilder().event(new PolicyEvent("later-rule", LocalDate.of(period + 1, 6, 1),
                        "USA", List.of(base.region()), "country-rule", "tighten", "targeted", OptionalInt.empty(),
                        "A rule dated after the period")).build());
                for (TestContext context : later) {
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

    /** close() may be called twice, before or after measuring, without throwing. */
    @Test
    @DisplayName("close is idempotent")
    default void closeIsIdempotent() {
        Indicator unused = fresh(this);
        closeTwice(unused, "an instance that never measured");
        Indicator used = fresh(this);
        try {
            used.measure(sample());
        } catch (RuntimeException ignored) {
            // the other checks judge measure(); this one is about close()
        }
        closeTwice(used, "an instance after measuring");
    }

    // ---- helpers (private: not part of the contract's API) ----

    /** Values every input gets in turn for all years, and that random contexts mix in. */
    private static double[] extremes() {
        return new double[] {0, -0.0, 1, -1, 1e-9, -1e-9, 100, -100, 1e6, 1e9, -1e9};
    }

    /** Fails the test: {@code throw failure(...)} tells the compiler the method ends there. */
    private static AssertionError failure(String message, Throwable cause) {
        return Assertions.<AssertionError>fail(message, cause);
    }

    /** Closes an instance a check is done with; whether close() behaves is {@link #closeIsIdempotent()}'s job. */
    private static void closeQuietly(Indicator indicator) {
        try {
            indicator.close();
        } catch (RuntimeException ignored) {
            // judged by closeIsIdempotent
        }
    }

    /** The outcome of measuring a context with an instance that measures nothing else. */
    private static Object measuredAlone(IndicatorContract contract, TestContext context, String what) {
        Indicator indicator = fresh(contract);
        try {
            return outcome(indicator, context, what);
        } finally {
            closeQuietly(indicator);
        }
    }

    /** A new instance from {@link #indicator()}; fails when it is null. */
    private static Indicator fresh(IndicatorContract contract) {
        Indicator indicator = contract.indicator();
        assertNotNull(indicator, "indicator() returned null: return a new instance, e.g. 'return new MyIndicator();'");
        return indicator;
    }

    private static IndicatorDescriptor descriptorOf(Indicator indicator) {
        IndicatorDescriptor descriptor;
        try {
            descriptor = indicator.descriptor();
        } catch (RuntimeException e) {
            throw failure("descriptor() threw " + e + ": build the descriptor from constants, e.g. in a static "
                    + "final field", e);
        }
        assertNotNull(descriptor, "descriptor() returned null: return an IndicatorDescriptor");
        return descriptor;
    }

    private static IndicatorDescriptor descriptorOf(IndicatorContract contract) {
        Indicator indicator = fresh(contract);
        try {
            return descriptorOf(indicator);
        } finally {
            closeQuietly(indicator);
        }
    }

    /** The reading, or a string naming the MissingDataException; any other exception or a null fails. */
    private static Object outcome(Indicator indicator, TestContext context, String what) {
        IndicatorReading reading;
        try {
            reading = indicator.measure(context);
        } catch (MissingDataException e) {
            return "MissingDataException" + e.missing();
        } catch (NullPointerException | NoSuchElementException e) {
            throw failure("measure() threw " + e + " for " + what + " (" + context + "): an absent value must not "
                    + "crash the indicator; check context.value(...).isPresent() before getAsDouble(), lower the "
                    + "coverage or throw MissingDataException", e);
        } catch (RuntimeException e) {
            throw failure("measure() threw " + e + " for " + what + " (" + context + "): measure must return a "
                    + "reading with a score within 0-100 (clamp it, e.g. with Goalposts) or throw "
                    + "MissingDataException, never another exception", e);
        }
        if (reading == null) {
            fail("measure() returned null for " + what + " (" + context + "): return a reading or throw "
                    + "MissingDataException");
        }
        return reading;
    }

    /**
     * What the records' constructors cannot check, because it depends on the context: nothing is carried further
     * forward than the context's missing-data rule allows. (A reading below the rule's minimum coverage is allowed
     * here; the host withholds it, see the plugin guide.)
     */
    private static void assertValid(IndicatorReading reading, TestContext context) {
        String where = " for " + context;
        MissingDataPolicy policy = context.missingData();
        for (Component c : reading.components()) {
            assertTrue(c.lag() <= policy.carryForwardYears(), () -> "component '" + c.label() + "' carries a value "
                    + c.lag() + " years forward" + where + ", but the context allows "
                    + policy.carryForwardYears() + " (context.missingData()): treat older values as missing");
        }
    }

    private static void closeTwice(Indicator indicator, String what) {
        for (String call : new String[] {"first", "second"}) {
            try {
                indicator.close();
            } catch (Exception e) {
                throw failure("close() threw " + e + " on the " + call + " call for " + what + ": make close() "
                        + "idempotent and quiet (the host may call it again while unloading)", e);
            }
        }
    }

    /** The descriptor's inputs, then any other series the sample holds. */
    private static List<String> seriesOf(IndicatorDescriptor descriptor, TestContext sample) {
        Set<String> codes = new LinkedHashSet<>(descriptor.inputs());
        codes.addAll(sample.seriesCodes());
        return List.copyOf(codes);
    }

    /** The sample with every value scaled by a factor between 0.5 and 1.5 (zeros become 1). */
    private static TestContext perturbed(TestContext sample, long seed) {
        Random random = new Random(seed);
        TestContext.Builder builder = sample.toBuilder();
        for (String code : sample.seriesCodes()) {
            for (Map.Entry<Integer, Double> e : sample.series(code).entrySet()) {
                double v = e.getValue();
                builder.value(code, e.getKey(), v == 0 ? 1 : v * (0.5 + random.nextDouble()));
            }
        }
        return builder.build();
    }

    /** A context with the sample's region, period and settings and values drawn from a mix of ranges. */
    private static TestContext randomContext(TestContext sample, List<String> codes, int from, int to,
                                             Random random) {
        TestContext.Builder builder = sample.toBuilder().withoutValues();
        double[] extremes = extremes();
        for (String code : codes) {
            for (int year = from; year <= to; year++) {
                double draw = random.nextDouble();
                double value;
                if (draw < 0.10) {
                    continue;
                } else if (draw < 0.35) {
                    value = extremes[random.nextInt(extremes.length)];
                } else if (draw < 0.55) {
                    value = random.nextDouble() * 100;
                } else if (draw < 0.70) {
                    value = random.nextDouble() * 200 - 100;
                } else if (draw < 0.85) {
                    value = Math.pow(10, random.nextDouble() * 12 - 3);
                } else {
                    var own = sample.value(code, year);
                    value = (own.isPresent() ? own.getAsDouble() : random.nextDouble() * 100)
                            * (random.nextDouble() * 5 - 2);
                }
                builder.value(code, year, value);
            }
        }
        return builder.build();
    }

    private static void assertNotBlank(String value, String what, String example) {
        assertTrue(value != null && !value.isBlank(),
                () -> "descriptor " + what + " must not be blank: give " + example);
    }
}
