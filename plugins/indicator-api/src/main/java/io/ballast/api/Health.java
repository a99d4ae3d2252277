package io.ballast.api;

/** The result of {@link Indicator#checkHealth()}: healthy, or not with a reason a person can act on. */
public record Health(boolean healthy, String detail) {

    /** The healthy answer. */
    public static final Health HEALTHY = new Health(true, "ok");

    public Health {
        Checks.notBlank(detail, "detail");
    }

    /** An unhealthy answer with its reason. */
    public static Health unhealthy(String detail) {
        return new Health(false, detail);
    }
}
