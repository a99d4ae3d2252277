package io.ballast.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The version a database records for the baseline that seeded it: the same files, the same version; any change, another. */
class BaselineVersionTest {

    @Test
    void theBundledBaselineHasOneVersion() {
        assertThat(Baseline.bundled().version()).isEqualTo(Baseline.bundled().version())
                .matches("crc32-[0-9a-f]{8}-\\d+");
    }

    @Test
    void aChangedValueChangesTheVersion() {
        String before = Baseline.version("code\nA\n", "region,series,period,value\nCHN,A,2020,1.5\n", "id\n");
        String after = Baseline.version("code\nA\n", "region,series,period,value\nCHN,A,2020,1.6\n", "id\n");
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void textMovedFromOneFileToAnotherChangesTheVersion() {
        assertThat(Baseline.version("ab", "c", "")).isNotEqualTo(Baseline.version("a", "bc", ""));
    }
}
