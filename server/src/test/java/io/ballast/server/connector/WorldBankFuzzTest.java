package io.ballast.server.connector;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Coverage-guided fuzzing of the World Bank API v2 JSON reader: any answer body is read or refused with a
 * {@link SourceException}, never anything else.
 */
class WorldBankFuzzTest {

    private static final WorldBankFormat FORMAT = new WorldBankFormat(new ObjectMapper());

    @FuzzTest(maxDuration = "2m")
    void answers(byte[] body) {
        try {
            FORMAT.parse("CHN", "NE.TRD.GNFS.ZS", "page 1", body);
        } catch (SourceException expected) {
            // refused with a reason: the run reports it and retries later
        }
    }
}
