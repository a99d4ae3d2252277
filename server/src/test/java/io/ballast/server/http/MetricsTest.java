package io.ballast.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ballast.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics speaks Prometheus and holds the meters ops need: HTTP, event loop, streams, ingest, plugins, caches, JVM. */
class MetricsTest {

    @TempDir
    Path dataDir;

    @Test
    void metricsHoldTheNamedMetersInPrometheusFormat() {
        try (TestServer server = TestServer.start(dataDir)) {
            server.get("/api/v1/scores/latest?region=CHN");
            server.get("/api/v1/scores/latest?region=CHN");
            server.post("/api/v1/observations", "{\"observations\":[{\"region\":\"CHN\",\"series\":"
                    + "\"SL.UEM.TOTL.ZS\",\"period\":2024,\"value\":4.8}]}");
            server.post("/api/v1/observations", "{\"observations\": 1}");
            HttpResponse<String> r = server.get("/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(r.body()).contains(
                    "vertx_http_server_requests_total",
                    "vertx_http_server_response_time_seconds",
                    "ballast_event_loop_delay_seconds",
                    "ballast_streams_open",
                    "ballast_ingest_observations_total 1.0",
                    "ballast_ingest_batches_total{outcome=\"stored\"} 1.0",
                    "ballast_ingest_batches_total{outcome=\"rejected\"} 1.0",
                    "ballast_plugin_measure_seconds_count{plugin=\"labor-conditions\"}",
                    "ballast_plugins_started 4.0",
                    "cache_gets_total{cache=\"ballast.scores.latest\"",
                    "jvm_memory_used_bytes",
                    "process_files_open_files");
            assertThat(r.body()).contains("cache_gets_total{cache=\"ballast.scores.latest\",result=\"hit\"}");
            assertThat(r.body()).as("the database's health, of the vendor this run uses").contains(
                    "ballast_database_up{vendor=\"" + (TestServer.onPostgres() ? "postgresql" : "h2") + "\"} 1.0");
            // by the route that answered, the method and the code; a problem has no route
            assertThat(r.body()).contains("vertx_http_server_requests_total{code=\"200\",method=\"GET\","
                            + "route=\"/api/v1/scores/latest\"} 2.0",
                    "vertx_http_server_requests_total{code=\"400\",method=\"POST\",route=\"\"} 1.0",
                    "vertx_http_server_response_time_seconds_count{code=\"200\",method=\"POST\","
                            + "route=\"/api/v1/observations\"} 1",
                    "vertx_http_server_active_requests{method=\"GET\"} 1.0");
        }
    }
}
