package io.ballast.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Page load to the dashboard's first painted data, in headless Debian Chromium: the time from navigation start to the
 * frame that first draws scores (the {@code ballast:first-data} user-timing mark of the dashboard), next to the
 * browser's own first contentful paint of the same page as the in-run reference.
 */
final class FirstPaint implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TIMINGS = "const mark = performance.getEntriesByName('ballast:first-data')[0];"
            + "const fcp = performance.getEntriesByName('first-contentful-paint')[0];"
            + "return mark && fcp ? [mark.startTime, fcp.startTime] : null;";

    private final ChromeDriver driver;
    private final Path profile;

    /** Whether this machine has the browser and its driver (.ci/run installs both). */
    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A fresh browser with an empty profile, so its first load is a cold one. */
    FirstPaint() throws IOException {
        // Selenium warns on every start that it has no DevTools bindings for this Chromium; nothing here uses them
        java.util.logging.Logger.getLogger("org.openqa.selenium.devtools").setLevel(java.util.logging.Level.SEVERE);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        System.setProperty("SE_OFFLINE", "true");
        profile = Files.createTempDirectory("ballast-bench-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,1000", "--user-data-dir=" + profile);
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build(), options);
    }

    /** Loads the page and answers {first data painted, first contentful paint}, in ms after navigation start. */
    double[] load(String url) {
        driver.get(url);
        Object timings = new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> ((JavascriptExecutor) d).executeScript(TIMINGS));
        var values = (java.util.List<?>) timings;
        return new double[] {((Number) values.get(0)).doubleValue(), ((Number) values.get(1)).doubleValue()};
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp profile is harmless
            }
        }
    }
}
