package io.ballast.api;

/**
 * What an input says about resilience, as the EU JRC resilience dashboards tag their indicators: a vulnerability makes
 * a shock hurt more, a capacity helps absorb it, adapt or transform. The host reports the two as separate sub-indices
 * beside the composite.
 */
public enum Role {
    /** Makes a shock hurt more: dependence on controllable imports, controls in force, joblessness, precarious work. */
    VULNERABILITY,
    /** Helps absorb, adapt or transform: foreign capital, production, invention, productive work. */
    CAPACITY
}
