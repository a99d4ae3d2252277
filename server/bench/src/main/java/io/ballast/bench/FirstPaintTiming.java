package io.ballast.bench;

/**
 * The end-to-end benchmark's first-paint part: page load to first painted data, five loads by a new browser each
 * (empty cache) and five by one browser that has loaded the page before (modules and Chart.js cached, revalidated),
 * each beside the browser's own first contentful paint. Skipped, saying so, where there is no Chromium.
 */
final class FirstPaintTiming {

    private static final int LOADS = 5;

    private FirstPaintTiming() {
    }

    static void run(int port) throws Exception {
        System.out.println("== first paint: navigation start to the frame that first draws scores (median of 5)");
        if (!FirstPaint.available()) {
            System.out.println("  skipped: needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install -y "
                    + "chromium chromium-driver)");
            return;
        }
        String url = "http://127.0.0.1:" + port + "/";
        try (FirstPaint browser = new FirstPaint()) {
            browser.load(url); // not counted: the server's own first page load runs cold code
        }
        double[][] cold = new double[LOADS][];
        for (int i = 0; i < LOADS; i++) {
            try (FirstPaint browser = new FirstPaint()) {
                cold[i] = browser.load(url);
            }
        }
        double[][] warm = new double[LOADS][];
        try (FirstPaint browser = new FirstPaint()) {
            browser.load(url);
            for (int i = 0; i < LOADS; i++) {
                warm[i] = browser.load(url);
            }
        }
        RatioLine.print("cold data ms", Stats.median(cold, 0), "cold fcp ms", Stats.median(cold, 1));
        RatioLine.print("warm data ms", Stats.median(warm, 0), "warm fcp ms", Stats.median(warm, 1));
    }
}
