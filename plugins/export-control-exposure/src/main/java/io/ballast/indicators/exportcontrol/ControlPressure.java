package io.ballast.indicators.exportcontrol;

import io.ballast.api.IndicatorContext;
import io.ballast.api.Input;
import io.ballast.api.Parameter;
import io.ballast.api.PolicyEvent;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Control pressure: the severity of the export-control actions in force against an economy at the end of a year, on
 * one documented scale for every year and every imposing jurisdiction. Each tightening adds its severity, each
 * relaxation or suspension takes its severity off again; the stock never goes below zero. Severity by kind of action:
 *
 * <ul>
 *   <li>a country-wide rule on a product class ({@code country-rule}): 10;</li>
 *   <li>removal from (or restoration to) a preferential licensing list ({@code white-list-removal},
 *       {@code white-list-restoration}): 6;</li>
 *   <li>a licence requirement on a product class ({@code product-control}): 6 when aimed at the economy, 3 when it
 *       applies to every importer alike;</li>
 *   <li>a listing of n entities ({@code entity-listing}, {@code authorisation-revocation}): 1 + 2·log10(1 + n), at
 *       most 6, and 2 when the number is not known;</li>
 *   <li>anything else (framework laws, investment screening, app bans): 0, not an export control on the economy.</li>
 * </ul>
 *
 * Every weight is a parameter ({@code severity.*}) a deployment may override.
 */
final class ControlPressure implements Input {

    static final String SERIES = "export-control events";

    static final List<Parameter> PARAMETERS = List.of(
            new Parameter("severity.country-rule", 10, "severity of a country-wide rule on a product class"),
            new Parameter("severity.white-list", 6, "severity of removal from a preferential licensing list"),
            new Parameter("severity.product-targeted", 6, "severity of a product-class licence requirement aimed at "
                    + "the economy"),
            new Parameter("severity.product-all-importers", 3, "severity of a product-class licence requirement on "
                    + "every importer"),
            new Parameter("severity.entity-unknown", 2, "severity of an entity listing whose size is not known"),
            new Parameter("severity.entity-cap", 6, "most severity an entity listing can have"));

    @Override
    public List<String> series() {
        return List.of();
    }

    @Override
    public String seriesLabel() {
        return SERIES;
    }

    /** The stock of controls in force at the end of {@code year}, from every event dated up to then. */
    @Override
    public OptionalDouble read(IndicatorContext context, int year) {
        Map<String, Double> settings = context.settings();
        double stock = 0;
        for (PolicyEvent event : context.events()) {
            if (event.date().getYear() <= year) {
                double severity = severity(event, settings);
                stock += event.tightens() ? severity : -severity;
            }
        }
        return OptionalDouble.of(Math.max(0, stock));
    }

    /** The severity of one action, before its direction is applied. */
    static double severity(PolicyEvent event, Map<String, Double> settings) {
        return switch (event.type()) {
            case "country-rule" -> setting(settings, "severity.country-rule");
            case "white-list-removal", "white-list-restoration" -> setting(settings, "severity.white-list");
            case "product-control" -> event.scope().equals("targeted")
                    ? setting(settings, "severity.product-targeted")
                    : setting(settings, "severity.product-all-importers");
            case "entity-listing", "authorisation-revocation" -> event.entities().isPresent()
                    ? Math.min(setting(settings, "severity.entity-cap"),
                            1 + 2 * Math.log10(1 + event.entities().getAsInt()))
                    : setting(settings, "severity.entity-unknown");
            default -> 0;
        };
    }

    private static double setting(Map<String, Double> settings, String name) {
        Double value = settings.get(name);
        if (value != null) {
            return value;
        }
        return PARAMETERS.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow().defaultValue();
    }
}
