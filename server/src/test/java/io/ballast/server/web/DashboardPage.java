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
        driver().get(server.get().uri("/" + query).toString());
        try {
            waitUntil(Duration.ofSeconds(15),
                    d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the dashboard did not get ready; error banner: '" + text("error")
                    + "', stream: " + byId("live-status").getAttribute("data-state") + ", requests: "
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

    /** The datasets of the Chart.js chart on canvas {@code canvasId}, read through Chart.getChart. */
    List<Line> chart(String canvasId) {
        Object raw = driver().executeScript("""
                const chart = Chart.getChart(arguments[0]);
                if (!chart) return null;
                return chart.data.datasets.map(d => ({label: d.label, points: d.data.map(p => [p.x, p.y])}));
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

    /** How many annotations (events) the chart on {@code canvasId} carries. */
    long annotationCount(String canvasId) {
        return (Long) driver().executeScript(
                "return Object.keys(Chart.getChart(arguments[0]).options.plugins.annotation.annotations).length;",
                canvasId);
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

    static String oneDecimal(double score) {
        return String.format(Locale.ROOT, "%.1f", score);
    }
}
