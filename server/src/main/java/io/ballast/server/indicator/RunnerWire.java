package io.ballast.server.indicator;

import io.ballast.api.Component;
import io.ballast.api.Direction;
import io.ballast.api.Goalposts;
import io.ballast.api.IndicatorDescriptor;
import io.ballast.api.IndicatorReading;
import io.ballast.api.InputSpec;
import io.ballast.api.MissingDataException;
import io.ballast.api.Parameter;
import io.ballast.api.PolicyEvent;
import io.ballast.api.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The API's records as the runner protocol carries them: plain fields, nulls for absent values. Turning one back into
 * the API record runs the record's own checks, so whatever a runner sends is validated again on the server's side.
 */
final class RunnerWire {

    private RunnerWire() {
    }

    /** An {@link IndicatorDescriptor}. */
    record Descriptor(String id, String name, String description, String version, List<String> inputs,
                      List<Param> parameters, List<Spec> basket) {
        static Descriptor of(IndicatorDescriptor d) {
            return new Descriptor(d.id(), d.name(), d.description(), d.version(), d.inputs(),
                    d.parameters().stream().map(p -> new Param(p.name(), p.defaultValue(), p.description())).toList(),
                    d.basket().stream().map(Spec::of).toList());
        }

        IndicatorDescriptor toApi() {
            return new IndicatorDescriptor(id, name, description, version, inputs,
                    parameters.stream().map(p -> new Parameter(p.name(), p.defaultValue(), p.description())).toList(),
                    basket.stream().map(Spec::toApi).toList());
        }
    }

    /** A {@link Parameter}. */
    record Param(String name, double defaultValue, String description) {
    }

    /** An {@link InputSpec}. */
    record Spec(String key, String label, List<String> series, Role role, Posts goalposts, double weight) {
        static Spec of(InputSpec s) {
            return new Spec(s.key(), s.label(), s.series(), s.role().orElse(null), Posts.of(s.goalposts()),
                    s.weight());
        }

        InputSpec toApi() {
            return new InputSpec(key, label, series, Optional.ofNullable(role), goalposts.toApi(), weight);
        }
    }

    /** {@link Goalposts}. */
    record Posts(double lower, double upper, Direction direction) {
        static Posts of(Goalposts g) {
            return new Posts(g.lower(), g.upper(), g.direction());
        }

        Goalposts toApi() {
            return new Goalposts(lower, upper, direction);
        }
    }

    /** An {@link IndicatorReading}. */
    record Reading(double score, List<Part> components, String explanation, double coverage, List<String> missing) {
        static Reading of(IndicatorReading r) {
            return new Reading(r.score(), r.components().stream().map(Part::of).toList(), r.explanation(),
                    r.coverage(), r.missing());
        }

        IndicatorReading toApi() {
            return new IndicatorReading(score, components.stream().map(Part::toApi).toList(), explanation, coverage,
                    missing);
        }
    }

    /** A {@link Component}. */
    record Part(String key, String label, String series, double raw, double normalised, double weight, Role role,
                Posts goalposts, int lag) {
        static Part of(Component c) {
            return new Part(c.key(), c.label(), c.series(), c.raw(), c.normalised(), c.weight(), c.role().orElse(null),
                    c.goalposts().map(Posts::of).orElse(null), c.lag());
        }

        Component toApi() {
            return new Component(key, label, series, raw, normalised, weight, Optional.ofNullable(role),
                    Optional.ofNullable(goalposts).map(Posts::toApi), lag);
        }
    }

    /** A {@link MissingDataException}'s content. */
    record Missing(List<String> missing, String reason, List<String> present, double coverage) {
        static Missing of(MissingDataException e) {
            return new Missing(e.missing(), e.getMessage(), e.present(), e.coverage());
        }

        MissingDataException toApi() {
            return new MissingDataException(missing, reason == null ? "no data" : reason, present, coverage);
        }
    }

    /** A {@link PolicyEvent}; the date as ISO text. */
    record Event(String id, String date, String jurisdiction, List<String> targets, String type, String direction,
                 String scope, Integer entities, String title) {
        static Event of(PolicyEvent e) {
            return new Event(e.id(), e.date().toString(), e.jurisdiction(), e.targets(), e.type(), e.direction(),
                    e.scope(), e.entities().isPresent() ? e.entities().getAsInt() : null, e.title());
        }

        PolicyEvent toApi() {
            return new PolicyEvent(id, LocalDate.parse(date), jurisdiction, targets, type, direction, scope,
                    entities == null ? OptionalInt.empty() : OptionalInt.of(entities), title);
        }
    }

    /**
     * The server's clock at the time of a request: a fixed clock stays fixed in the runner (tests stay repeatable), a
     * ticking one ticks from the same instant.
     */
    record ClockState(String instant, String zone, boolean fixed) {
        static ClockState of(Clock clock) {
            Instant now = clock.instant();
            return new ClockState(now.toString(), clock.getZone().getId(),
                    clock.equals(Clock.fixed(now, clock.getZone())));
        }

        Clock toClock() {
            Instant at = Instant.parse(instant);
            ZoneId id = ZoneId.of(zone);
            return fixed ? Clock.fixed(at, id) : Clock.offset(Clock.system(id), Duration.between(Instant.now(), at));
        }
    }
}
