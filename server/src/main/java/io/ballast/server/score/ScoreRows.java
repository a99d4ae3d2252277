package io.ballast.server.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ballast.server.store.ScoreStore.NewScore;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a region's computed years into the rows the score store keeps: one per indicator and year, and the
 * composite.
 */
final class ScoreRows {

    private final ObjectMapper json;

    ScoreRows(ObjectMapper json) {
        this.json = json;
    }

    /** The rows of these years, each with its score serialised as JSON. */
    List<NewScore> rows(List<YearScores> years) {
        List<NewScore> rows = new ArrayList<>();
        for (YearScores year : years) {
            for (IndicatorScore s : year.indicators()) {
                rows.add(new NewScore(s.id(), year.period(), s.score(), s.coverage(), toJson(s)));
            }
            CompositeScore c = year.composite();
            rows.add(new NewScore(ScoreQueries.COMPOSITE, year.period(), c.score(), c.coverage(), toJson(c)));
        }
        return rows;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value, e);
        }
    }
}
