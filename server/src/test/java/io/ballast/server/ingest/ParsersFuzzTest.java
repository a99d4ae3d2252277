package io.ballast.server.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Set;

/**
 * Coverage-guided fuzzing of what reads outside input in ingest: the observation batch parser and the WDI CSV reader.
 * Whatever the bytes, each either reads them or refuses them with its own exception (a 400/422, or a file moved to
 * failed/), never with anything else. In the normal suite the committed inputs under src/test/resources run once
 * (regression mode); docs/operations.md gives the command that fuzzes for longer.
 */
class ParsersFuzzTest {

    private static final ObservationParser PARSER = new ObservationParser(JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build(),
            Set.of("CHN", "USA", "IND")::contains, Set.of("SL.UEM.TOTL.ZS", "NE.TRD.GNFS.ZS")::contains, 100);

    @FuzzTest(maxDuration = "2m")
    void observationBatches(byte[] body) {
        try {
            PARSER.parse(body);
        } catch (InvalidBatchException expected) {
            // refused with a reason: a 400 or 422
        }
    }

    @FuzzTest(maxDuration = "2m")
    void wdiFiles(byte[] file) {
        try {
            WdiFileReader.read(file);
        } catch (WdiFormatException expected) {
            // refused with a reason: the file goes to failed/ with a report
        }
    }
}
