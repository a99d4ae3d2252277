package io.ballast.server.indicator;

import io.ballast.api.IndicatorContext;
import java.util.Map;

/**
 * A context the host built over a region's stored values: it can hand over a whole series (to send to a plugin
 * runner) without counting it as read; only the values the plugin then reads are noted, when the runner names them.
 */
public interface SeriesContext extends IndicatorContext {

    /** Every value of a series for this region, by year; empty when there is none. */
    Map<Integer, Double> series(String seriesCode);
}
