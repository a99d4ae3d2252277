package io.ballast.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard in a real headless browser: it shows what the API says, and follows the stream without reloads. */
class DashboardBrowserTest {

    @TempDir
    static Path dataDir;

    static TestServer server;
    static Browser browser;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        server = TestServer.start(dataDir);
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    private static String apiComposite(String region) {
        JsonNode doc;
        try {
            doc = JSON.readTree(server.get("/api/v1/scores/latest?region=" + region).body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return String.format(Locale.ROOT, "%.1f", doc.get("composite").get("score").asDouble());
    }

    private static String text(String id) {
        return browser.driver().findElement(By.id(id)).getText().strip();
    }

    @Test
    void theOverviewShowsTheApisCompositeAndFollowsAPostedObservationWithinTwoSeconds() throws Exception {
        var driver = browser.driver();
        driver.get(server.uri("/").toString());
        var wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.until(d -> text("composite-score").equals(apiComposite("CHN")));
        wait.until(d -> text("live-status").equals("live"));
        assertThat(driver.findElements(By.cssSelector("[data-indicator]"))).hasSizeGreaterThanOrEqualTo(4);

        Path screenshot = Path.of("target", "dashboard-overview.png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, driver.getScreenshotAs(OutputType.BYTES));

        String before = text("composite-score");
        long posted = System.nanoTime();
        var response = server.post("/api/v1/observations", "{\"observations\":[{\"region\":\"CHN\","
                + "\"series\":\"BX.KLT.DINV.WD.GD.ZS\",\"period\":2024,\"value\":4.5}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        new WebDriverWait(driver, Duration.ofSeconds(2), Duration.ofMillis(50))
                .until(d -> !text("composite-score").equals(before));
        assertThat(Duration.ofNanos(System.nanoTime() - posted)).isLessThan(Duration.ofSeconds(2));
        assertThat(text("composite-score")).isEqualTo(apiComposite("CHN"));

        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as("browser console errors").isEmpty();
    }
}
