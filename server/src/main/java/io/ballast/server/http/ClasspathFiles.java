package io.ballast.server.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves files from a folder on the classpath (the dashboard, webjars) from memory: each file is read once, on a
 * worker, and then answered with its bytes, a strong ETag and {@code 304} on a match. Answering with {@code end()}
 * rather than {@code sendFile()} keeps the HTTP metrics right (Vert.x 5 never counts a sent file's request as done) and
 * writes nothing to a temporary file cache. Paths with {@code ..} segments, back-slashes or NULs find nothing.
 */
final class ClasspathFiles implements Handler<RoutingContext> {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html;charset=UTF-8"), Map.entry("js", "text/javascript;charset=UTF-8"),
            Map.entry("mjs", "text/javascript;charset=UTF-8"), Map.entry("cjs", "text/javascript;charset=UTF-8"),
            Map.entry("css", "text/css;charset=UTF-8"), Map.entry("svg", "image/svg+xml"),
            Map.entry("json", "application/json"), Map.entry("map", "application/json"),
            Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"), Map.entry("txt", "text/plain;charset=UTF-8"),
            Map.entry("woff2", "font/woff2"), Map.entry("md", "text/markdown;charset=UTF-8"));

    /** One file's answer, built once. */
    private record File(Buffer bytes, String type, String etag) {
    }

    private final String mount;
    private final String root;
    private final Optional<String> index;
    private final Optional<String> cacheControl;
    private final Map<String, File> files = new ConcurrentHashMap<>();

    /**
     * Serves paths under {@code mount} (ending in '/') from classpath folder {@code root}; a path ending in '/' gets
     * {@code index} when set; {@code cacheControl} goes on every file answered, when set.
     */
    ClasspathFiles(String mount, String root, Optional<String> index, Optional<String> cacheControl) {
        this.mount = mount;
        this.root = root;
        this.index = index;
        this.cacheControl = cacheControl;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Optional<String> name = name(ctx.normalizedPath());
        if (name.isEmpty()) {
            ctx.next();
            return;
        }
        File cached = files.get(name.get());
        if (cached != null) {
            answer(ctx, cached);
            return;
        }
        ctx.vertx().executeBlocking(() -> read(name.get()), false).onComplete(read -> {
            if (read.failed()) {
                ctx.fail(read.cause());
            } else if (read.result().isEmpty()) {
                ctx.next(); // not a file here: the 404 of the router
            } else {
                files.putIfAbsent(name.get(), read.result().get());
                answer(ctx, read.result().get());
            }
        });
    }

    /** The resource name of a request path, when it is under the mount point and harmless. */
    private Optional<String> name(String path) {
        if (path == null || !path.startsWith(mount) && !(path + "/").equals(mount)) {
            return Optional.empty();
        }
        String rest = path.length() <= mount.length() ? "" : path.substring(mount.length());
        if (rest.isEmpty() || rest.endsWith("/")) {
            if (index.isEmpty()) {
                return Optional.empty();
            }
            rest = rest + index.get();
        }
        if (rest.indexOf('\\') >= 0 || rest.indexOf('\0') >= 0 || rest.startsWith("/")
                || ("/" + rest + "/").contains("/../") || ("/" + rest + "/").contains("/./")) {
            return Optional.empty();
        }
        return Optional.of(root + "/" + rest);
    }

    private static Optional<File> read(String name) throws IOException {
        URL url = ClasspathFiles.class.getClassLoader().getResource(name);
        if (url == null || directory(url)) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            byte[] bytes = in.readAllBytes();
            String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            return Optional.of(new File(Buffer.buffer(bytes), TYPES.getOrDefault(extension,
                    "application/octet-stream"), EntityTags.of(bytes)));
        }
    }

    private static boolean directory(URL url) throws IOException {
        if ("file".equals(url.getProtocol())) {
            try {
                return Files.isDirectory(Path.of(url.toURI()));
            } catch (URISyntaxException e) {
                return true;
            }
        }
        if (url.openConnection() instanceof JarURLConnection jar) {
            return jar.getJarEntry() == null || jar.getJarEntry().isDirectory();
        }
        return false;
    }

    private void answer(RoutingContext ctx, File file) {
        HttpServerResponse response = ctx.response();
        response.putHeader(HttpHeaders.ETAG, file.etag());
        cacheControl.ifPresent(value -> response.putHeader(HttpHeaders.CACHE_CONTROL, value));
        if (EntityTags.matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), file.etag())) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, file.type());
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(file.bytes().length())).end();
        } else {
            response.end(file.bytes());
        }
    }
}
