package io.ballast.api;

import java.util.HashSet;
import java.util.List;

/**
 * What an indicator is: a unique id ({@code [a-z0-9-]+}), a display name, a description, a version, the series
 * codes it reads, the parameters it accepts and, when it declares one, its basket: each input with its key, role,
 * goalposts and weight ({@link WeightedIndex#basket()} builds it).
 */
public record IndicatorDescriptor(
        String id, String name, String description, String version, List<String> inputs, List<Parameter> parameters,
        List<InputSpec> basket) {

    public IndicatorDescriptor {
        Checks.id(id, "indicator id");
        Checks.notBlank(name, "name of '" + id + "'");
        Checks.notBlank(description, "description of '" + id + "'");
        Checks.notBlank(version, "version of '" + id + "'");
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("indicator '" + id + "' must read at least one input series");
        }
        inputs.forEach(code -> Checks.notBlank(code, "input series code of '" + id + "'"));
        parameters = List.copyOf(parameters);
        var names = new HashSet<String>();
        for (Parameter p : parameters) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("indicator '" + id + "' declares parameter '" + p.name() + "' twice");
            }
        }
        basket = List.copyOf(basket);
        var keys = new HashSet<String>();
        for (InputSpec input : basket) {
            if (!keys.add(input.key())) {
                throw new IllegalArgumentException("indicator '" + id + "' declares input '" + input.key() + "' twice");
            }
            for (String code : input.series()) {
                if (!inputs.contains(code)) {
                    throw new IllegalArgumentException("input '" + input.key() + "' of indicator '" + id + "' reads "
                            + code + ", which is not among its inputs " + inputs);
                }
            }
        }
    }

    /** A descriptor as API 1.0 described it: no declared basket. */
    public IndicatorDescriptor(String id, String name, String description, String version, List<String> inputs,
                               List<Parameter> parameters) {
        this(id, name, description, version, inputs, parameters, List.of());
    }
}
