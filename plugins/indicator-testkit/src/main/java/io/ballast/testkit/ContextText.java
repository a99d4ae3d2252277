package io.ballast.testkit;

import io.ballast.api.MissingDataPolicy;
import java.util.TreeMap;

/**
 * How a {@link TestContext} prints: region, period, every series by year, then the settings, events and missing-data
 * rule when there are any, in a fixed order. The contract's failure messages quote contexts this way, so that a plugin
 * author sees the data a check used.
 */
final class ContextText {

    private ContextText() {
    }

    static String of(TestContext context) {
        var text = new StringBuilder("TestContext[").append(context.region()).append(' ').append(context.period());
        for (String code : context.seriesCodes()) {
            text.append(", ").append(code).append('=').append(context.series(code));
        }
        if (!context.settings().isEmpty()) {
            text.append(", settings=").append(new TreeMap<>(context.settings()));
        }
        if (!context.events().isEmpty()) {
            text.append(", events=").append(context.events().stream().map(e -> e.date() + " " + e.type()).toList());
        }
        if (!context.missingData().equals(MissingDataPolicy.DEFAULT)) {
            text.append(", ").append(context.missingData());
        }
        return text.append(']').toString();
    }
}
