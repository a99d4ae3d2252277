package io.ballast.testkit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.ballast.api.Indicator;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.IndicatorReading;
import io.ballast.api.MissingDataException;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Assertions;

/**
 * How the {@link IndicatorContract} checks handle the indicator under test: a fresh instance from the contract, its
 * descriptor, the outcome of one measurement as a value two runs can compare, and a quiet close. Whatever the
 * indicator does wrong on the way fails the test with a message saying what to fix.
 */
final class UnderTest {

    private UnderTest() {
    }

    /** Fails the test: {@code throw failure(...)} tells the compiler the method ends there. */
    static AssertionError failure(String message, Throwable cause) {
        return Assertions.<AssertionError>fail(message, cause);
    }

    /** A new instance from {@link IndicatorContract#indicator()}; fails when it is null. */
    static Indicator fresh(IndicatorContract contract) {
        Indicator indicator = contract.indicator();
        assertNotNull(indicator, "indicator() returned null: return a new instance, e.g. 'return new MyIndicator();'");
        return indicator;
    }

    /** Closes an instance a check is done with; whether close() behaves is {@link CloseCheck}'s job. */
    static void closeQuietly(Indicator indicator) {
        try {
            indicator.close();
        } catch (RuntimeException ignored) {
            // judged by closeIsIdempotent
        }
    }

    /** The descriptor of one instance; fails when descriptor() throws (as its constructor may) or returns null. */
    static IndicatorDescriptor descriptorOf(Indicator indicator) {
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

    /** The descriptor of a fresh instance, closed afterwards. */
    static IndicatorDescriptor descriptorOf(IndicatorContract contract) {
        Indicator indicator = fresh(contract);
        try {
            return descriptorOf(indicator);
        } finally {
            closeQuietly(indicator);
        }
    }

    /** The outcome of measuring a context with an instance that measures nothing else. */
    static Object measuredAlone(IndicatorContract contract, TestContext context, String what) {
        Indicator indicator = fresh(contract);
        try {
            return outcome(indicator, context, what);
        } finally {
            closeQuietly(indicator);
        }
    }

    /** The reading, or a string naming the MissingDataException; any other exception or a null fails. */
    static Object outcome(Indicator indicator, TestContext context, String what) {
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
}
