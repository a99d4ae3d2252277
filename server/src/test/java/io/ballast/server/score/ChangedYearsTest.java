package io.ballast.server.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ballast.server.config.BallastConfig;
import io.ballast.server.store.Cell;
import io.ballast.server.store.ControlEvent;
import io.ballast.server.store.NewObservation;
import io.ballast.server.store.VintageBatch;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * After a change, scoring reads again only the years whose cells changed and measures again only the plugins that
 * read what changed; through new values, replaced values, a new vintage that drops years and a new export-control
 * action, the scores it keeps are those of scoring the stored region from scratch.
 */
class ChangedYearsTest {

    private static final String FDI = "BX.KLT.DINV.WD.GD.ZS";
    private static final String UNEMPLOYMENT = "SL.UEM.TOTL.ZS";

    @Test
    void scoresAfterChangedYearsAreThoseOfScoringFromScratch() {
        try (ScoringRig rig = new ScoringRig("changed-years")) {
            List<String> regions = rig.config.regions().stream().map(BallastConfig.Region::code).toList();
            var service = rig.service((region, event, bytes) -> { });
            service.recomputeAll(regions);

            settle(rig, service, () -> rig.database.observations().upsert(List.of(
                    new NewObservation("CHN", FDI, 2024, 0.7, "test", null))));
            settle(rig, service, () -> rig.database.observations().upsert(List.of(
                    new NewObservation("CHN", FDI, 2024, 2.9, "test", null),
                    new NewObservation("CHN", UNEMPLOYMENT, 2023, 7.5, "test", null),
                    new NewObservation("IND", FDI, 2022, 3.3, "test", null))));
            // a new vintage of China's unemployment with 2016-2020 only: the other years are deleted
            List<NewObservation> vintage = IntStream.rangeClosed(2016, 2020)
                    .mapToObj(y -> new NewObservation("CHN", UNEMPLOYMENT, y, 4.0 + y % 3, "test", "2026-11-01"))
                    .toList();
            settle(rig, service, () -> rig.database.observations().replaceSeries(List.of(new VintageBatch("CHN",
                    UNEMPLOYMENT, "2026-11-01", "test", vintage, null))).changed());

            // a new export-control action against China: the events are read again
            ControlEvent action = new ControlEvent("2024-06-01-test-listing", LocalDate.of(2024, 6, 1), "USA",
                    List.of("CHN"), "entity-listing", "tighten", "targeted", 40, "A test listing",
                    "https://example.org/listing", null, "test", false, Instant.EPOCH);
            settle(rig, service, () -> rig.database.events().add(List.of(action)).stream()
                    .flatMap(change -> change.cells().stream()).collect(Collectors.toSet()));

            for (String region : List.of("CHN", "IND")) {
                assertThat(rig.panel.years(region)).as(region).isEqualTo(fromScratch(rig, region));
            }
            service.close(Duration.ofSeconds(10));
        }
    }

    /** Applies a write, schedules its cells and waits until the panel holds China as scoring it afresh would. */
    private static void settle(ScoringRig rig, ScoreService service, Supplier<Set<Cell>> write) {
        Set<Cell> changed = write.get();
        assertThat(changed).isNotEmpty();
        service.schedule(changed);
        await().atMost(Duration.ofSeconds(30)).until(() -> rig.panel.years("CHN").equals(fromScratch(rig, "CHN")));
    }

    private static List<YearScores> fromScratch(ScoringRig rig, String region) {
        return rig.scorer().score(region, RegionData.of(rig.database.observations().ofRegion(region),
                rig.database.events().ofRegion(region)));
    }
}
