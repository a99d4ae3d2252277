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

    /** Prints the rows, which come in pairs: Ballast's, then the bare broadcaster's at the same N. */
    static void print(List<Row> rows, int trials) {
        System.out.println();
        System.out.println("delivery: from the trigger's acknowledgement to each stream's event, ms, median of "
                + trials + " trials; memory: server heap (after GC) and RSS per stream, KB");
        System.out.printf("%7s  %-22s  %-22s  %9s  %-17s  %-17s  %s%n", "N", "ballast p50/p99/max", "bare p50/p99/max",
                "p99 ratio", "heap KB ball/bare", "RSS KB ball/bare", "beyond the cap");
        for (int i = 0; i + 1 < rows.size(); i += 2) {
            Row b = rows.get(i);
            Row r = rows.get(i + 1);
            System.out.printf(Locale.ROOT, "%7d  %-22s  %-22s  %9.2f  %-17s  %-17s  %s%n", b.n(), triple(b), triple(r),
                    b.p99() / r.p99(), String.format(Locale.ROOT, "%.1f / %.1f", b.heapKb(), r.heapKb()),
                    String.format(Locale.ROOT, "%.1f / %.1f", b.rssKb(), r.rssKb()), b.cap());
            if (b.connected() != b.n() || r.connected() != r.n()) {
                System.out.println("         (connected: ballast " + b.connected() + ", bare " + r.connected() + ")");
            }
        }
    }

    private static String triple(Row r) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", r.p50(), r.p99(), r.max());
    }
}
