package io.ballast.api;

/** Whether more of an input means more resilience or less. */
public enum Direction {
    /** A higher raw value scores higher. */
    HIGHER_IS_BETTER,
    /** A higher raw value scores lower. */
    LOWER_IS_BETTER
}
