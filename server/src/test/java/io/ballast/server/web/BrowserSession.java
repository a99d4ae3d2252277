package io.ballast.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.server.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real server and one headless browser for every browser test class of a run: started by the first class that
 * needs them, closed when the run ends. After each test the browser console must hold no errors (CSP violations and
 * failed requests show there) except those the test said to expect, and any phone emulation or blocked URLs are lifted.
 */
final class BrowserSession implements BeforeAllCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserSession.class);

    private static Shared shared;
    private static Pattern expectedConsoleErrors;

    /**
     * The analysis at its default size, as viewers meet it: long enough (about a second) that the page's "being
     * computed" states can be seen between a score event and the uncertainty event that follows it.
     */
    private static final Map<String, String> ANALYSIS = Map.of("BALLAST_UNCERTAINTY_SAMPLES", "4096");

    /** The server and the browser, closed by JUnit at the end of the run (an AutoCloseable in the root store). */
    private static final class Shared implements AutoCloseable {
        final Path dataDir;
        TestServer server;
        final Browser browser;
        final DashboardPage page;

        Shared() {
            try {
                dataDir = Files.createTempDirectory("ballast-browser-data");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = TestServer.start(dataDir, ANALYSIS);
            browser = new Browser();
            page = new DashboardPage(browser, () -> server);
        }

        @Override
        public void close() {
            try {
                browser.close();
            } finally {
                server.close();
                try (Stream<Path> files = Files.walk(dataDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // a leftover temp directory is harmless
                }
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        shared = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Shared.class, k -> new Shared(),
                Shared.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Pattern expected = expectedConsoleErrors;
        expectedConsoleErrors = null;
        var driver = shared.page.driver();
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", java.util.List.of()));
        assertThat(shared.page.consoleErrors()).as("browser console errors")
                .filteredOn(e -> expected == null || !expected.matcher(e.getMessage()).find()).isEmpty();
    }

    static DashboardPage page() {
        return shared.page;
    }

    static Browser browser() {
        return shared.browser;
    }

    static TestServer server() {
        return shared.server;
    }

    static Path dataDir() {
        return shared.dataDir;
    }

    /** Stops the server; {@link #startServer} starts it again on the same port and data. */
    static int stopServer() {
        int port = shared.server.ballast().port();
        shared.server.close();
        return port;
    }

    static void startServer(int port) {
        shared.server = TestServer.start(shared.dataDir, Map.of("BALLAST_SERVER_PORT", Integer.toString(port),
                "BALLAST_UNCERTAINTY_SAMPLES", ANALYSIS.get("BALLAST_UNCERTAINTY_SAMPLES")));
    }

    /** Console errors the current test expects (such as refused connections while the server restarts). */
    static void expectConsoleErrors(Pattern pattern) {
        expectedConsoleErrors = pattern;
    }
}
