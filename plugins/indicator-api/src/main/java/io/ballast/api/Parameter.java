package io.ballast.api;

/** A numeric setting an indicator reads, with its default; config may override it per deployment. */
public record Parameter(String name, double defaultValue, String description) {

    public Parameter {
        Checks.notBlank(name, "parameter name");
        Checks.finite(defaultValue, "default of parameter '" + name + "'");
        Checks.notBlank(description, "description of parameter '" + name + "'");
    }
}
