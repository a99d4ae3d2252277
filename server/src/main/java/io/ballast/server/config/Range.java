package io.ballast.server.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The range a numeric key must lie in, inclusive. The binder checks it while reading and names it in every message
 * about the key, whether the value was out of range or not a number at all.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
public @interface Range {

    double min();

    double max();
}
