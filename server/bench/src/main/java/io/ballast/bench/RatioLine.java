package io.ballast.bench;

import java.util.Locale;

/** One line of the end-to-end benchmark's report: Ballast's measure, the baseline's, and their ratio. */
final class RatioLine {

    private RatioLine() {
    }

    static void print(String a, double av, String b, double bv) {
        System.out.printf(Locale.ROOT, "  %-16s %12.1f   %-18s %12.1f   ratio %.2f%n", a, av, b, bv, av / bv);
    }
}
