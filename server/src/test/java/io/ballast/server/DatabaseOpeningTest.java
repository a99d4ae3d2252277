package io.ballast.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.config.ConfigLoader;
import io.ballast.server.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database opens at once, unless a score snapshot will likely be served: then once the server serves. */
class DatabaseOpeningTest {

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    private BallastConfig config() {
        return new ConfigLoader().load(Optional.empty(), Map.of("BALLAST_DATA_DIR", dir.toString(),
                "BALLAST_DATA_BASELINE", "false"));
    }

    @Test
    void withoutASnapshotToServeItOpensAtOnce() throws Exception {
        DatabaseOpening opening = new DatabaseOpening(config().startup(), StartupPhases.fromNow(),
                CompletableFuture.completedFuture(false));
        opening.opened(vertx).await(60, TimeUnit.SECONDS).close();
    }

    @Test
    void aSnapshotToServeKeepsItClosedUntilTheServerServes() throws Exception {
        CompletableFuture<Boolean> likely = new CompletableFuture<>();
        DatabaseOpening opening = new DatabaseOpening(config().startup(), StartupPhases.fromNow(), likely);
        Future<Database> opened = opening.opened(vertx);
        likely.complete(true);
        Thread.sleep(300);
        assertThat(opened.isComplete()).isFalse();
        assertThat(dir.resolve("ballast.mv.db")).doesNotExist();
        opening.now();
        opened.await(60, TimeUnit.SECONDS).close();
    }

    @Test
    void aStartThatFailedFirstNeverOpensIt() throws Exception {
        CompletableFuture<Boolean> likely = new CompletableFuture<>();
        DatabaseOpening opening = new DatabaseOpening(config().startup(), StartupPhases.fromNow(), likely);
        opening.never(new IllegalStateException("port taken"));
        likely.complete(false);
        assertThatThrownBy(() -> opening.opened(vertx).await(10, TimeUnit.SECONDS)).hasMessage("port taken");
        assertThat(dir.resolve("ballast.mv.db")).doesNotExist();
    }
}
