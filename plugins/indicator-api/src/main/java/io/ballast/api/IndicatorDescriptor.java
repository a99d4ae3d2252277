package io.ballast.api;

import java.util.HashSet;
import java.util.List;

/**
 * What an indicator is: a unique id ({@code [a-z0-9-]+}), a display name, a description, a version, the series
 * codes it reads and the parameters it accepts.
 */
public record IndicatorDescriptor(
        String id, String name, String description, String version, List<String> inputs, List<Parameter> parameters) {

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
    }
}
