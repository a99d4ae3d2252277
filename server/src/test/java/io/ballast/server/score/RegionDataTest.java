package io.ballast.server.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ballast.server.store.ObservationRow;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A region's data updated with only the years that changed reads as the whole region read again. */
class RegionDataTest {

    private static ObservationRow row(String series, int year, double value, String vintage) {
        return new ObservationRow(null, "CHN", series, year, value, null, Instant.EPOCH, vintage);
    }

    private final List<ObservationRow> stored = List.of(row("A", 2020, 1, "v1"), row("A", 2021, 2, "v1"),
            row("B", 2020, 10, null), row("B", 2022, 12, null), row("C", 2019, 5, "c"));

    @Test
    void updatingChangedYearsReadsAsReadingEverythingAgain() {
        RegionData before = RegionData.of(stored);
        // 2021: A changes value and vintage; 2022: B's value is gone, C gains one
        List<ObservationRow> yearsNow = List.of(row("A", 2021, 3, "v2"), row("C", 2022, 6, "c"));
        RegionData updated = before.withYears(Set.of(2021, 2022), yearsNow);
        RegionData reread = RegionData.of(List.of(row("A", 2020, 1, "v1"), row("A", 2021, 3, "v2"),
                row("B", 2020, 10, null), row("C", 2019, 5, "c"), row("C", 2022, 6, "c")));

        for (String series : List.of("A", "B", "C", "D")) {
            assertThat(updated.series(series)).as(series).isEqualTo(reread.series(series));
            assertThat(updated.sameSeries(series, reread)).as(series).isTrue();
            for (int year = 2019; year <= 2022; year++) {
                assertThat(updated.value(series, year)).isEqualTo(reread.value(series, year));
                assertThat(updated.vintage(series, year)).isEqualTo(reread.vintage(series, year));
            }
        }
        assertThat(updated.lastYear()).isEqualTo(reread.lastYear());
        assertThat(before.value("A", 2021)).as("the data before is unchanged").hasValue(2);
    }

    @Test
    void seriesWithoutAValueInTheChangedYearsAreShared() {
        RegionData before = RegionData.of(stored);
        RegionData updated = before.withYears(Set.of(2021), List.of(row("A", 2021, 3, "v1")));
        assertThat(updated.series("B")).isSameAs(before.series("B"));
        assertThat(updated.series("C")).isSameAs(before.series("C"));
        assertThat(updated.sameSeries("A", before)).isFalse();
        assertThat(updated.events()).isSameAs(before.events());
    }

    @Test
    void aSeriesIsAsItWasWhenItsVintageAloneChanged() {
        RegionData before = RegionData.of(stored);
        RegionData updated = before.withYears(Set.of(2020), List.of(row("A", 2020, 1, "v9"), row("B", 2020, 10,
                null)));
        assertThat(updated.sameSeries("A", before)).as("a new vintage is a change").isFalse();
        assertThat(updated.sameSeries("B", before)).as("the same values").isTrue();
    }

    @Test
    void aSeriesCannotBeChangedThroughWhatAPluginIsHanded() {
        RegionData data = RegionData.of(stored);
        assertThatThrownBy(() -> data.series("A").put(2030, 1.0))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
