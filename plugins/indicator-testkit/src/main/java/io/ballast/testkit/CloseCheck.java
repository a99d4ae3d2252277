package io.ballast.testkit;

import static io.ballast.testkit.UnderTest.failure;
import static io.ballast.testkit.UnderTest.fresh;

import io.ballast.api.Indicator;

/**
 * {@link IndicatorContract#closeIsIdempotent()}: close() may be called twice, on an instance that never measured and
 * on one that did, without throwing.
 */
final class CloseCheck {

    private CloseCheck() {
    }

    static void run(IndicatorContract contract) {
        Indicator unused = fresh(contract);
        closeTwice(unused, "an instance that never measured");
        Indicator used = fresh(contract);
        try {
            used.measure(contract.sample());
        } catch (RuntimeException ignored) {
            // the other checks judge measure(); this one is about close()
        }
        closeTwice(used, "an instance after measuring");
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
}
