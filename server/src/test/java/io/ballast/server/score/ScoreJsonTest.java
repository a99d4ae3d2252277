package io.ballast.server.score;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.score.uncertainty.Band;
import io.ballast.server.score.uncertainty.RankInterval;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreJsonTest {

    private final ScoreJson json = new ScoreJson(new ObjectMapper());

    @Test
    void anUncertaintyResultCrossesToAnotherNodeUnchanged() throws Exception {
        var cell = new UncertaintyResult.CellResult(new Band(40, 50, 60, 90, 100), new Band(Double.NaN, Double.NaN, Double.NaN, 0, 100),
                new Band(1, 2, 3, 100, 100), new RankInterval(1, 2, 3, 100, 100), 12);
        var result = new UncertaintyResult(7, Map.of("DEU", Map.of(2020, cell)), Map.of(), 128, 256, 0.1, 0.2,
                Instant.parse("2026-12-01T05:00:00Z"), 900);
        UncertaintyResult back = json.read(json.write(result), UncertaintyResult.class);
        assertThat(back.cells().get("DEU").get(2020).composite()).isEqualTo(cell.composite());
        assertThat(back.cells().get("DEU").get(2020).vulnerability().defined()).isZero();
        assertThat(back.computedAt()).isEqualTo(result.computedAt());
        assertThat(back.samples()).isEqualTo(128);
    }

    @Test
    void aRegionsYearsCrossToAnotherNodeUnchanged() throws Exception {
        var indicator = new IndicatorScore("labor-conditions", "Labour", null, 2020, List.of(), null, 0.2,
                List.of("x"), null, null, false, null, "too little input", Map.of("SL.UEM", "2025-01"));
        var composite = new CompositeScore(61.5, "weighted-arithmetic", 0.8, List.of("a"), List.of("b"), null, null,
                null, null, List.of(), null, Map.of());
        var years = List.of(new YearScores(2020, List.of(indicator), composite));
        List<YearScores> back = json.read(json.write(years), new TypeReference<List<YearScores>>() { });
        assertThat(back).isEqualTo(years);
    }
}
