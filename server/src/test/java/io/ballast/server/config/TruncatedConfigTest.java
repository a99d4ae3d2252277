package io.ballast.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An editor that truncates the config file and then writes it is seen half-way by the watcher: the empty or half-written
 * text must never apply (least of all the defaults), and an invalid edit after it keeps the last good configuration.
 */
class TruncatedConfigTest {

    private static final String GOOD = "indicators:\n  labor-conditions:\n    weight: 5\n";

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final List<Double> applied = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    private ConfigWatcher watch(Path file, LiveConfig live) {
        return ConfigWatcher.start(vertx, file, GOOD, Map.of(), live, new ConfigWatcher.Listener() {
            @Override
            public void applied(BallastConfig before, BallastConfig after) {
                applied.add(after.weightOf("labor-conditions"));
            }

            @Override
            public void refused(String message) {
                refused.add(message);
            }
        }, 3_600_000);
    }

    @Test
    void anEmptyFileIsRefusedAndAnInvalidEditAfterItKeepsTheLastGoodConfigNotTheDefaults() throws Exception {
        Path file = Files.writeString(dir.resolve("ballast.yaml"), GOOD);
        LiveConfig live = new LiveConfig(new ConfigLoader().load(Optional.of(file), Map.of()));
        try (ConfigWatcher watcher = watch(file, live)) {
            assertThat(watcher.reload("")).isFalse();
            assertThat(live.get().weightOf("labor-conditions")).isEqualTo(5.0);
            assertThat(watcher.reload("indicators:\n  labor-conditions:\n    weight: -1\n")).isFalse();
            assertThat(live.get().weightOf("labor-conditions")).as("the last good config, not the defaults")
                    .isEqualTo(5.0);
            assertThat(refused).hasSize(2).first().asString().contains("empty");
            assertThat(applied).isEmpty();
        }
    }

    @Test
    void aTextTheFileNoLongerHoldsIsNotAppliedButTheOneItSettlesOnIs() throws Exception {
        Path file = Files.writeString(dir.resolve("ballast.yaml"), GOOD);
        LiveConfig live = new LiveConfig(new ConfigLoader().load(Optional.of(file), Map.of()));
        try (ConfigWatcher watcher = watch(file, live)) {
            String complete = "indicators:\n  labor-conditions:\n    weight: 3\n  foreign-investment:\n    weight: 2\n";
            Files.writeString(file, complete);
            // seen half-way: valid YAML, but not what the file holds once written
            watcher.offer("indicators:\n  labor-conditions:\n    weight: 3\n  foreign-");
            watcher.offer(complete);
            await().atMost(Duration.ofSeconds(10)).until(() -> !applied.isEmpty());
            assertThat(applied).containsExactly(3.0);
            assertThat(live.get().weightOf("foreign-investment")).isEqualTo(2.0);
        }
    }

    @Test
    void aTokenShorterThanSixteenCharactersIsRefusedAtStartNamingWhereItCameFrom() {
        assertThatThrownBy(() -> new ConfigLoader().load(Optional.empty(), Map.of("BALLAST_ADMIN_TOKEN", "x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("BALLAST_ADMIN_TOKEN")
                .hasMessageContaining("admin-token").hasMessageContaining("16 characters");
        assertThatThrownBy(() -> new ConfigLoader().load(Optional.empty(), Map.of("BALLAST_INGEST_TOKEN",
                "fifteen-chars-x"))).isInstanceOf(ConfigException.class).hasMessageContaining("BALLAST_INGEST_TOKEN");
        assertThat(new ConfigLoader().load(Optional.empty(), Map.of("BALLAST_ADMIN_TOKEN", "sixteen-chars-xx"))
                .security().adminToken()).contains("sixteen-chars-xx");
    }
}
