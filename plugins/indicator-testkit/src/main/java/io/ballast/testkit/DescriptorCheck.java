package io.ballast.testkit;

import static io.ballast.testkit.UnderTest.closeQuietly;
import static io.ballast.testkit.UnderTest.descriptorOf;
import static io.ballast.testkit.UnderTest.fresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ballast.api.Indicator;
import io.ballast.api.IndicatorDescriptor;
import java.util.HashSet;
import java.util.Set;

/**
 * {@link IndicatorContract#descriptorIsValid()}: what {@link IndicatorDescriptor}'s constructor cannot check. The
 * constructor already refuses a malformed id, a blank name, description, version or input code, an empty input list
 * and a parameter declared twice, so a descriptor() breaking one of those fails here as "descriptor() threw ...". What
 * is left: each input listed once, and the same descriptor every time, from one instance or from two.
 */
final class DescriptorCheck {

    private DescriptorCheck() {
    }

    static void run(IndicatorContract contract) {
        IndicatorDescriptor descriptor = descriptorOf(contract);
        Set<String> seen = new HashSet<>();
        for (String code : descriptor.inputs()) {
            assertTrue(seen.add(code), () -> "descriptor().inputs() lists '" + code + "' twice: list each series once");
        }
        IndicatorDescriptor again = descriptorOf(contract);
        assertEquals(descriptor, again, "descriptor() must describe the indicator the same way every time: build "
                + "the descriptor from constants, not from the clock, random numbers or counters");
        Indicator same = fresh(contract);
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
}
