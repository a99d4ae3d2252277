package io.ballast.bench;

import io.ballast.server.ingest.Baseline;
import io.ballast.server.score.RegionData;
import io.ballast.server.store.ControlEvent;
import io.ballast.server.store.NewObservation;
import io.ballast.server.store.ObservationRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The bundled baseline as per-region snapshots: the input every scoring benchmark measures on. */
final class BaselineData {

    private BaselineData() {
    }

    static Map<String, RegionData> byRegion() {
        Baseline baseline = Baseline.bundled();
        Map<String, List<NewObservation>> grouped = baseline.observations().stream()
                .collect(Collectors.groupingBy(NewObservation::region, LinkedHashMap::new, Collectors.toList()));
        List<ControlEvent> events = baseline.events();
        Map<String, RegionData> out = new LinkedHashMap<>();
        grouped.forEach((region, rows) -> out.put(region, RegionData.of(rows.stream()
                .map(o -> new ObservationRow(null, o.region(), o.series(), o.period(), o.value(), o.source(),
                        Instant.EPOCH))
                .toList(), events.stream().filter(e -> e.targets().contains(region)).toList())));
        return out;
    }
}
