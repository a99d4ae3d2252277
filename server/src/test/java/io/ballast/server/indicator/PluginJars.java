package io.ballast.server.indicator;

import io.ballast.api.Indicator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Builds real plugin jars for tests: Java source compiled in memory against the indicator API, then packaged. */
final class PluginJars {

    private PluginJars() {
    }

    /**
     * A plugin jar whose one indicator has {@code id} and {@code version} and whose {@code measure} body is
     * {@code measureBody} (it may use {@code context} and must return an {@code IndicatorReading}).
     */
    static byte[] indicator(String id, String version, String measureBody) {
        return indicator(id, version, measureBody, "1.0", true);
    }

    static byte[] indicator(String id, String version, String measureBody, String apiVersion, boolean serviceFile) {
        return indicator(id, version, measureBody, apiVersion, serviceFile, "");
    }

    /** A plugin jar as above whose class also declares {@code members} (an overridden default method, say). */
    static byte[] indicator(String id, String version, String measureBody, String apiVersion, boolean serviceFile,
                            String members) {
        String pkg = "test.plugin." + id.replace('-', '_') + "_v" + version.replace('.', '_');
        String source = """
                package %s;

                import io.ballast.api.*;
                import java.util.List;

                public final class TestIndicator implements Indicator {
                    public IndicatorDescriptor descriptor() {
                        return new IndicatorDescriptor("%s", "Test %s", "A test plugin.", "%s",
                                List.of("GB.XPD.RSDV.GD.ZS"), List.of());
                    }

                    public IndicatorReading measure(IndicatorContext context) {
                        %s
                    }

                    %s
                }
                """.formatted(pkg, id, id, version, measureBody, members);
        Map<String, byte[]> classes = compile(pkg + ".TestIndicator", source);
        Map<String, byte[]> entries = new HashMap<>();
        classes.forEach((name, bytes) -> entries.put(name.replace('.', '/') + ".class", bytes));
        if (serviceFile) {
            entries.put("META-INF/services/io.ballast.api.Indicator",
                    (pkg + ".TestIndicator\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar(entries, apiVersion);
    }

    /**
     * Builds the jar of a plugin project from its sources, as its own build would: every class under
     * {@code src/main/java}, every file under {@code src/main/resources}, and the API version in the manifest.
     */
    static byte[] fromProject(Path project) {
        try (var sources = Files.walk(project.resolve("src/main/java"));
             var resources = Files.walk(project.resolve("src/main/resources"))) {
            Map<String, String> java = new HashMap<>();
            for (Path file : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                String pkg = text.lines().filter(l -> l.startsWith("package ")).findFirst()
                        .map(l -> l.substring(8, l.indexOf(';')).strip() + ".").orElse("");
                String name = file.getFileName().toString().replace(".java", "");
                java.put(pkg + name, text);
            }
            Map<String, byte[]> entries = new HashMap<>();
            compileAll(java).forEach((name, bytes) -> entries.put(name.replace('.', '/') + ".class", bytes));
            Path root = project.resolve("src/main/resources");
            for (Path file : resources.filter(Files::isRegularFile).toList()) {
                entries.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
            return jar(entries, "1.0");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A plugin jar of one indicator class written in full: {@code body} is the class body (descriptor, measure and
     * whatever else), in package {@code test.hostile.<id>} with {@code io.ballast.api.*} and {@code java.util.*}
     * imported.
     */
    static byte[] hostile(String id, String body) {
        String pkg = "test.hostile." + id.replace('-', '_');
        String source = """
                package %s;

                import io.ballast.api.*;
                import java.util.*;

                public final class Hostile implements Indicator {
                    static IndicatorDescriptor describe() {
                        return new IndicatorDescriptor("%s", "Hostile %s", "A hostile test plugin.", "1.0.0",
                                List.of("GB.XPD.RSDV.GD.ZS"), List.of());
                    }

                    static IndicatorReading fine() {
                        return new IndicatorReading(50, List.of(new Component("R&D", "GB.XPD.RSDV.GD.ZS", 1, 50, 1)),
                                "Fine.", 1.0, List.of());
                    }

                    %s
                }
                """.formatted(pkg, id, id, body);
        Map<String, byte[]> entries = new HashMap<>();
        compile(pkg + ".Hostile", source).forEach((name, bytes) -> entries.put(name.replace('.', '/') + ".class",
                bytes));
        entries.put("META-INF/services/io.ballast.api.Indicator",
                (pkg + ".Hostile\n").getBytes(StandardCharsets.UTF_8));
        return jar(entries, "1.0");
    }

    /** A measure body that scores R&D spending × factor, so two versions of one plugin give different scores. */
    static String researchTimes(double factor, String note) {
        return """
                double v = context.value("GB.XPD.RSDV.GD.ZS").orElseThrow(
                        () -> new MissingDataException(List.of("GB.XPD.RSDV.GD.ZS")));
                double s = Math.min(100, Math.max(0, v * %s));
                return new IndicatorReading(s, List.of(new Component("R&D", "GB.XPD.RSDV.GD.ZS", v, s, 1)),
                        "%s scores " + s + ".", 1.0, List.of());
                """.formatted(factor, note);
    }

    static byte[] jar(Map<String, byte[]> entries, String apiVersion) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (apiVersion != null) {
            manifest.getMainAttributes().put(new Attributes.Name("Ballast-Api-Version"), apiVersion);
        }
        var out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (var e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes a jar the way a person copying it would: to a temporary name, then moved into place. */
    static void drop(Path folder, String name, byte[] jar) {
        try {
            Path tmp = Files.createTempFile(folder.getParent(), name, ".part");
            Files.write(tmp, jar);
            Files.move(tmp, folder.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> compile(String className, String source) {
        return compileAll(Map.of(className, source));
    }

    private static Map<String, byte[]> compileAll(Map<String, String> sources) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        Map<String, ByteArrayOutputStream> out = new HashMap<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension),
                        kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return out.computeIfAbsent(name, k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        List<JavaFileObject> files = sources.entrySet().stream().map(e -> (JavaFileObject) new SimpleJavaFileObject(
                URI.create("string:///" + e.getKey().replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return e.getValue();
            }
        }).toList();
        String apiPath;
        try {
            apiPath = Path.of(Indicator.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        var diagnostics = new javax.tools.DiagnosticCollector<JavaFileObject>();
        boolean ok = compiler.getTask(null, manager, diagnostics, List.of("--release", "17", "-classpath", apiPath),
                null, files).call();
        if (!ok) {
            throw new IllegalStateException("test plugin does not compile: " + diagnostics.getDiagnostics());
        }
        Map<String, byte[]> classes = new HashMap<>();
        out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }
}
