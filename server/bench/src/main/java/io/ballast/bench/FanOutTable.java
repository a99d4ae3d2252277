package io.ballast.bench;

import java.util.List;
import java.util.Locale;

/** The fan-out benchmark's closing table: Ballast beside the bare broadcaster at each N. */
final class FanOutTable {

    /** One target at one N: medians over the trials, and the server's memory per stream. */
    record Row(FanOutTarget target, int n, int connected, double p50, double p99, double max, double heapKb,
               double rssKb, String cap) {
    }

    private FanOutTable() {
    }

    /**
     * Prints the rows, which come in threes: Ballast's, Ballast's without the uncertainty analysis, then the bare
     * broadcaster's at the same N; each Ballast row with its p50 and p99 ratios to the bare broadcaster's.
     */
    static void print(List<Row> rows, int trials) {
        System.out.println();
        System.out.println("delivery: from the trigger's acknowledgement to each stream's event, ms, median of "
                + trials + " trials; memory: server heap (after GC) and RSS per stream, KB");
        System.out.printf("%7s  %-20s  %-22s  %9s  %9s  %-17s  %-17s  %s%n", "N", "server", "p50/p99/max",
                "p50 ratio", "p99 ratio", "heap KB", "RSS KB", "beyond the cap");
        for (int i = 0; i + 2 < rows.size(); i += 3) {
            Row bare = rows.get(i + 2);
            for (Row r : rows.subList(i, i + 3)) {
                System.out.printf(Locale.ROOT, "%7d  %-20s  %-22s  %9s  %9s  %-17s  %-17s  %s%n", r.n(),
                        r.target().label(), triple(r), ratio(r.p50(), bare.p50(), r == bare),
                        ratio(r.p99(), bare.p99(), r == bare), String.format(Locale.ROOT, "%.1f", r.heapKb()),
                        String.format(Locale.ROOT, "%.1f", r.rssKb()), r.cap());
                if (r.connected() != r.n()) {
                    System.out.println("         (connected: " + r.connected() + ")");
                }
            }
            System.out.printf(Locale.ROOT, "  delivery ratios at N=%d (target <= 1.2): p50 %.2f, p99 %.2f; without "
                    + "the analysis p50 %.2f, p99 %.2f%n", bare.n(), rows.get(i).p50() / bare.p50(),
                    rows.get(i).p99() / bare.p99(), rows.get(i + 1).p50() / bare.p50(),
                    rows.get(i + 1).p99() / bare.p99());
        }
    }

    private static String ratio(double value, double bare, boolean isBare) {
        return isBare ? "-" : String.format(Locale.ROOT, "%.2f", value / bare);
    }

    private static String triple(Row r) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", r.p50(), r.p99(), r.max());
    }
}
