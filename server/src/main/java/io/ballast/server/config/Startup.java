package io.ballast.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings read once at start-up: where to listen, where the data lives, the plugins folder, limits, sources,
 * security and logging. A reload that changes them is reported and waits for a restart.
 */
public record Startup(Server server, Logging logging, Data data, DatabaseSettings database, Cluster cluster,
                      Plugins plugins, Ingest ingest, Connectors connectors, Webhook webhook, Stream stream,
                      Security security) {

    /** Fills the folders left empty with their places under the data directory. */
    public Startup {
        plugins = new Plugins(empty(plugins.directory()) ? data.dir().resolve("plugins") : plugins.directory(),
                plugins.scanIntervalMs(), plugins.measureTimeoutMs(), plugins.isolation(), plugins.runnerHeapMb());
        ingest = new Ingest(ingest.maxBatch(), empty(ingest.inbox()) ? data.dir().resolve("inbox") : ingest.inbox(),
                ingest.inboxScanMs());
        Invalid.unless(server.idleTimeoutSeconds() > stream.heartbeatSeconds(), "server.idle-timeout-seconds",
                "longer than stream.heartbeat-seconds (" + stream.heartbeatSeconds() + "), or every quiet stream is "
                        + "closed between two heartbeats");
    }

    private static boolean empty(Path path) {
        return path == null || path.toString().isEmpty();
    }

    /** The names of the sections that differ from {@code other}'s, in declaration order. */
    public List<String> differences(Startup other) {
        List<String> out = new ArrayList<>();
        for (var component : Startup.class.getRecordComponents()) {
            try {
                if (!component.getAccessor().invoke(this).equals(component.getAccessor().invoke(other))) {
                    out.add(component.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /**
     * Where the HTTP server listens (port 0 picks a free port), its body limit, optional TLS, the reload period, and
     * what a connection may hold: how long it may take to send a request's headers (from opening, or from the end of
     * its previous answer), how long it may stay silent both ways, how many one client address may hold open, and the
     * kernel's send buffer per connection (0: sized by the system).
     */
    public record Server(String host, @Range(min = 0, max = 65535) int port, @Range(min = 0, max = 64) int instances,
                         @Range(min = 1024, max = 1 << 30) int maxBodyBytes, Path tlsCert, Path tlsKey,
                         @Range(min = 50, max = 3_600_000) int reloadCheckMs,
                         @Range(min = 100, max = 600_000) int headerTimeoutMs,
                         @Range(min = 1, max = 86_400) int idleTimeoutSeconds,
                         @Range(min = 1, max = 1_000_000) int maxConnectionsPerAddress,
                         @Range(min = 0, max = 64 << 20) int sendBufferBytes) {
        public Server {
            Invalid.text(host, "host");
            Invalid.unless(empty(tlsCert) == empty(tlsKey), empty(tlsCert) ? "tls-cert" : "tls-key", "set together "
                    + "with " + (empty(tlsCert) ? "server.tls-key" : "server.tls-cert") + " (both PEM files)");
            for (Path file : empty(tlsCert) ? List.<Path>of() : List.of(tlsCert, tlsKey)) {
                Invalid.unless(Files.isReadable(file), file == tlsCert ? "tls-cert" : "tls-key",
                        "a readable PEM file, but " + file + " cannot be read");
            }
        }

        /** The certificate and key when both are set. */
        public Optional<Tls> tls() {
            return empty(tlsCert) ? Optional.empty() : Optional.of(new Tls(tlsCert, tlsKey));
        }
    }

    /** PEM files of a certificate chain and its private key. */
    public record Tls(Path cert, Path key) {
    }

    /** How logs are written: text for people, or one JSON object per line. */
    public record Logging(Format format) {
        public Logging {
            Invalid.present(format, "format", "text or json");
        }

        /** Whether each line is a JSON object. */
        public boolean json() {
            return format == Format.JSON;
        }
    }

    /** The two log formats. */
    public enum Format { TEXT, JSON }

    /** The data directory (database, generated token) and whether to load the bundled baseline. */
    public record Data(Path dir, boolean baseline) {
        public Data {
            Invalid.unless(!empty(dir), "dir", "a non-empty text");
        }
    }

    /**
     * The plugins folder (empty: {@code <data.dir>/plugins}), how often it is scanned, how long a measurement may take,
     * whether its jars run in a runner JVM each or inside the server, and each runner's heap limit.
     */
    public record Plugins(Path directory, @Range(min = 50, max = 60_000) int scanIntervalMs,
                          @Range(min = 10, max = 600_000) int measureTimeoutMs, Isolation isolation,
                          @Range(min = 16, max = 65_536) int runnerHeapMb) {
        public Plugins {
            Invalid.present(isolation, "isolation", "process or in-process");
        }

        /** Whether jars from the folder run out of process. */
        public boolean outOfProcess() {
            return isolation == Isolation.PROCESS;
        }
    }

    /** Where the plugins folder's jars run: a runner JVM per jar, or inside the server (trusted jars only). */
    public enum Isolation {
        @com.fasterxml.jackson.annotation.JsonProperty("process") PROCESS,
        @com.fasterxml.jackson.annotation.JsonProperty("in-process") IN_PROCESS;

        /** As written in the config file. */
        @Override
        public String toString() {
            return this == PROCESS ? "process" : "in-process";
        }
    }

    /** Limits of the ingest API, and the inbox folder (empty: {@code <data.dir>/inbox}) and how often it is scanned. */
    public record Ingest(@Range(min = 1, max = 1_000_000) int maxBatch, Path inbox,
                         @Range(min = 50, max = 3_600_000) int inboxScanMs) {
    }

    /** Where new alerts are POSTed (empty: nowhere), how often a failed delivery is retried, each one's timeout. */
    public record Webhook(String url, @Range(min = 0, max = 20) int retries,
                          @Range(min = 100, max = 120_000) int timeoutMs) {
        public Webhook {
            url = url == null ? "" : url.strip();
            if (!url.isEmpty()) {
                httpUrl(url, "url", true, "https://hooks.example.org/ballast");
            }
        }

        /** The address, when one is set. */
        public Optional<URI> uri() {
            return url.isEmpty() ? Optional.empty() : Optional.of(URI.create(url));
        }
    }

    /** Limits of the live stream: open streams, heartbeat period, events kept for replay, bytes queued per stream. */
    public record Stream(@Range(min = 1, max = 1_000_000) int maxConnections,
                         @Range(min = 1, max = 3600) int heartbeatSeconds, @Range(min = 0, max = 10_000) int replay,
                         @Range(min = 1024, max = 64 << 20) int maxQueuedBytes) {
    }


    /** {@code url} when it is an http or https URL with a host (and no query unless allowed); else throws. */
    static String httpUrl(String url, String key, boolean query, String example) {
        String expected = "an http or https URL" + (query ? "" : " without query") + ", such as " + example
                + ", not '" + url + "'";
        try {
            URI uri = new URI(url);
            Invalid.unless(uri.getScheme() != null && List.of("http", "https")
                    .contains(uri.getScheme().toLowerCase(Locale.ROOT)) && uri.getHost() != null
                    && (query || uri.getRawQuery() == null) && uri.getRawFragment() == null, key, expected);
            return url;
        } catch (URISyntaxException e) {
            throw new Invalid(key, expected + " (" + e.getReason() + ")");
        }
    }
}
