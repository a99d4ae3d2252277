package io.ballast.server;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigLoader;
import io.ballast.server.store.PostgresFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real Ballast server on a free port with its own data directory, and a real HTTP client to talk to it. With the
 * system property {@code ballast.test.database=postgresql} (the surefire execution "postgresql") its database is a
 * PostgreSQL database on {@link PostgresFixture}, one per data directory, so that a restart finds its data again.
 */
public final class TestServer implements AutoCloseable {

    public static final String TOKEN = "test-admin-token-0123456789";
    private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();

    private final Ballast ballast;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Ballast ballast) {
        this.ballast = ballast;
    }

    /** Starts a server on {@code dataDir} with extra environment overrides. */
    public static TestServer start(Path dataDir, Map<String, String> extraEnv) {
        return start(dataDir, extraEnv, Optional.empty());
    }

    /** Starts a server configured by {@code file} (watched for changes) and the environment overrides. */
    public static TestServer start(Path dataDir, Map<String, String> extraEnv, Optional<Path> file) {
        Map<String, String> env = new HashMap<>();
        env.put("BALLAST_SERVER_PORT", "0");
        env.put("BALLAST_SERVER_HOST", "127.0.0.1");
        env.put("BALLAST_SERVER_INSTANCES", "2");
        env.put("BALLAST_DATA_DIR", dataDir.toString());
        env.put("BALLAST_ADMIN_TOKEN", TOKEN);
        // a small uncertainty analysis: bands within a second on two cores, so that tests do not queue behind it
        env.put("BALLAST_UNCERTAINTY_SAMPLES", "128");
        env.put("BALLAST_UNCERTAINTY_SCENARIO_SAMPLES", "32");
        if (onPostgres()) {
            env.put("BALLAST_DATABASE_URL", DATABASES.computeIfAbsent(dataDir.toAbsolutePath(),
                    dir -> PostgresFixture.shared().createDatabase("server")));
            env.put("BALLAST_DATABASE_USER", PostgresFixture.USER);
        }
        env.putAll(extraEnv);
        BallastConfig config = new ConfigLoader().load(file, env);
        return new TestServer(Ballast.start(config, file, env).await());
    }

    /** Whether this test JVM runs its servers on PostgreSQL (the surefire execution "postgresql"). */
    public static boolean onPostgres() {
        return "postgresql".equals(System.getProperty("ballast.test.database"));
    }

    public static TestServer start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    public Ballast ballast() {
        return ballast;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + ballast.port() + pathAndQuery);
    }

    public HttpClient client() {
        return client;
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
    }

    /** POSTs JSON with the admin token. */
    public HttpResponse<String> post(String pathAndQuery, String json) {
        return post(pathAndQuery, json, TOKEN);
    }

    /** POSTs JSON with a given bearer token, or none when null. */
    public HttpResponse<String> post(String pathAndQuery, String json, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        ballast.close();
    }
}
