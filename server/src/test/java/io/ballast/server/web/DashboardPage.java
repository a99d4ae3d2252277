package io.ballast.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard as the tests see it: what it shows, its charts' data, its URL; and the API to compare with. */
final class DashboardPage {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of a Chart.js chart: its label and its points (year, value). */
    record Line(String label, List<double[]> points) {
        Map<Integer, Double> byYear() {
            Map<Integer, Double> map = new LinkedHashMap<>();
            points.forEach(p -> map.put((int) p[0], p[1]));
            return map;
        }
    }

    private final Browser browser;
    private final Supplier<TestServer> server;

    /** {@code server} supplies the server of the moment (a test may restart it). */
    DashboardPage(Browser browser, Supplier<TestServer> server) {
        this.browser = browser;
        this.server = server;
    }

    ChromeDriver driver() {
        return browser.driver();
    }

    /** Loads the dashboard with a query (such as "?region=USA", or "") and waits until it has drawn its data. */
    DashboardPage open(String query) {
        return openPage("/" + query);
    }

    /** Loads a page of the server (such as "/admin.html") and waits until its script says it is ready. */
    DashboardPage openPage(String pathAndQuery) {
        driver().get(server.get().uri(pathAndQuery).toString());
        return waitReady();
    }

    /** Waits until the page (loaded or reloaded) has drawn its data. */
    DashboardPage waitReady() {
        try {
            waitUntil(Duration.ofSeconds(15),
                    d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the page did not get ready; error banner: '"
                    + js("return document.getElementById('error')?.textContent;") + "', stream: "
                    + js("return document.getElementById('live-status')?.dataset.state;") + ", requests: "
                    + driver().executeScript("return performance.getEntriesByType('resource')"
                            + ".map(e => e.name + ' ' + Math.round(e.duration) + 'ms').join('; ')")
                    + ", console: " + driver().manage().logs().get(LogType.BROWSER).getAll(), e);
        }
        return this;
    }

    <T> T waitUntil(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver(), timeout, Duration.ofMillis(25)).until(condition);
    }

    WebElement byId(String id) {
        return driver().findElement(By.id(id));
    }

    String text(String id) {
        return byId(id).getText().strip();
    }

    /** The query parameters of the page's current URL. */
    Map<String, String> urlParams() {
        String query = URI.create(driver().getCurrentUrl()).getRawQuery();
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Runs a script in the page and returns its result. */
    Object js(String script, Object... args) {
        return driver().executeScript(script, args);
    }

    /** Waits until the live status says live. */
    void waitForLive() {
        waitUntil(Duration.ofSeconds(10), d -> "live".equals(byId("live-status").getAttribute("data-state")));
    }

    /** Emulates a phone screen of {@code width} × {@code height} CSS pixels (lifted after each test). */
    void emulate(int width, int height, boolean mobile) {
        driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", mobile ? 2 : 1, "mobile", mobile));
    }

    /** The datasets of the Chart.js chart on canvas {@code canvasId}, read through Chart.getChart; gaps left out. */
    List<Line> chart(String canvasId) {
        Object raw = driver().executeScript("""
                const chart = Chart.getChart(arguments[0]);
                if (!chart) return null;
                return chart.data.datasets.map(d => ({label: d.label,
                    points: d.data.filter(p => p.y !== null).map(p => [p.x, p.y])}));
                """, canvasId);
        List<Line> lines = new ArrayList<>();
        if (raw == null) {
            return lines;
        }
        for (Object o : (List<?>) raw) {
            Map<?, ?> m = (Map<?, ?>) o;
            List<double[]> points = new ArrayList<>();
            for (Object p : (List<?>) m.get("points")) {
                List<?> xy = (List<?>) p;
                points.add(new double[] {((Number) xy.get(0)).doubleValue(), ((Number) xy.get(1)).doubleValue()});
            }
            lines.add(new Line((String) m.get("label"), points));
        }
        return lines;
    }

    Line line(String canvasId, String label) {
        return chart(canvasId).stream().filter(l -> l.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + label + "' on " + canvasId));
    }

    /**
     * The accessibility problems axe-core (vendored under /vendor/) finds on the page as shown now, of impact
     * serious or critical: "rule: target (summary)" per node.
     */
    List<String> seriousAxeViolations() {
        Object raw = ((org.openqa.selenium.JavascriptExecutor) driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const run = () => axe.run(document, {resultTypes: ['violations']})
                    .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ') + ' (' + n.failureSummary
                            .replace(/\\s+/g, ' ') + ')'))), e => done(['axe failed: ' + e]));
                if (window.axe) { run(); return; }
                const script = document.createElement('script');
                script.src = '/vendor/axe.min.js';
                script.onload = run;
                script.onerror = () => done(['axe-core did not load']);
                document.head.append(script);
                """);
        return ((List<?>) raw).stream().map(String::valueOf).toList();
    }

    /** WCAG contrast ratio of two colours written as #rrggbb. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    /** The numbers of the event markers the history chart draws now, in order (a shared badge gives several). */
    List<Integer> markerNumbers() {
        Object raw = js("""
                const chart = Chart.getChart('history-chart');
                return (chart?.$ballastEvents?.badges ?? []).flatMap(b => b.groups);
                """);
        return ((List<?>) raw).stream().map(n -> ((Number) n).intValue()).toList();
    }

    /** Where the history chart drew its event badges, its event box and its plot area ({@code chart.$ballastEvents}). */
    Map<?, ?> eventLayout() {
        return (Map<?, ?>) js("return Chart.getChart('history-chart').$ballastEvents;");
    }

    /** How many quarters hold events of {@code region} (from the API), that is how many markers to expect. */
    int quartersWithEvents(String region) {
        java.util.Set<String> quarters = new java.util.TreeSet<>();
        api("/api/v1/events?region=" + region).get("events").forEach(e -> {
            String date = e.get("date").asText();
            quarters.add(date.substring(0, 4) + "Q" + ((Integer.parseInt(date.substring(5, 7)) - 1) / 3));
        });
        return quarters.size();
    }

    /** Console entries at SEVERE level since the last call (reading the log empties it). */
    List<LogEntry> consoleErrors() {
        return driver().manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    // ---------- the API, for comparison ----------

    JsonNode api(String pathAndQuery) {
        var response = server.get().get(pathAndQuery);
        if (response.statusCode() != 200) {
            throw new AssertionError(pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode latest(String region) {
        return api("/api/v1/scores/latest?region=" + region);
    }

    /** year -> score of the composite or an indicator, from the API. */
    Map<Integer, Double> history(String region, String indicator, int from, int to) {
        Map<Integer, Double> map = new LinkedHashMap<>();
        api("/api/v1/scores/history?region=" + region + "&indicator=" + indicator + "&from=" + from + "&to=" + to)
                .get("points").forEach(p -> map.put(p.get("period").asInt(), p.get("score").asDouble()));
        return map;
    }

    /**
     * Waits until the server's uncertainty analysis covers the current scores (a posted observation starts a new one,
     * which takes a few seconds).
     */
    void waitForAnalysis() {
        waitUntil(Duration.ofSeconds(60),
                d -> "done".equals(latest("CHN").path("uncertainty").path("status").asText()));
    }

    /** 1 -> "1st", 2 -> "2nd", 11 -> "11th". */
    static String ordinal(int n) {
        int tens = n % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    /** A change as the page writes it: "+1.2", "−3.4". */
    static String signed(double value) {
        String text = String.format(Locale.ROOT, "%.1f", Math.abs(value));
        return text.equals("0.0") ? text : (value > 0 ? "+" : "\u2212") + text;
    }

    static String oneDecimal(double score) {
        return String.format(Locale.ROOT, "%.1f", score);
    }
}
