package io.ballast.server.indicator;

/**
 * The parent of every plugin's class loader: it shows a plugin the JDK and the indicator API, and nothing of the
 * server (no Vert.x, Jackson or Micronaut), so a plugin can neither depend on them by accident nor clash with them.
 */
final class ApiOnlyClassLoader extends ClassLoader {

    private static final String API_PACKAGE = "io.ballast.api.";

    private final ClassLoader host;

    ApiOnlyClassLoader(ClassLoader host) {
        super("ballast-plugin-api", ClassLoader.getPlatformClassLoader());
        this.host = host;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE)) {
            return host.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
