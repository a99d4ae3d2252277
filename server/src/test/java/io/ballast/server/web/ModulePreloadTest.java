package io.ballast.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page names every module app.js reaches as a {@code modulepreload}, so the browser fetches them at once rather
 * than one import level at a time (docs/performance.md, first paint). A module added without its preload fails here.
 */
class ModulePreloadTest {

    private static final Pattern IMPORT = Pattern.compile("^import\\s[^;]*?from\\s+'\\./([\\w-]+\\.js)';",
            Pattern.MULTILINE);
    private static final Pattern PRELOAD = Pattern.compile("<link rel=\"modulepreload\" href=\"([\\w-]+\\.js)\">");

    @Test
    void everyModuleReachedFromTheAppIsPreloadedAndNothingElse() throws IOException {
        Set<String> reached = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(Set.of("app.js"));
        while (!todo.isEmpty()) {
            Matcher imports = IMPORT.matcher(read(todo.pop()));
            while (imports.find()) {
                if (reached.add(imports.group(1))) {
                    todo.push(imports.group(1));
                }
            }
        }
        Set<String> preloaded = new TreeSet<>();
        PRELOAD.matcher(read("index.html")).results().forEach(m -> preloaded.add(m.group(1)));

        assertThat(reached).contains("economy.js", "sparkline.js", "table.js");
        assertThat(preloaded).isEqualTo(reached);
    }

    private static String read(String name) throws IOException {
        try (InputStream in = ModulePreloadTest.class.getClassLoader().getResourceAsStream("ballast-web/" + name)) {
            assertThat(in).as("ballast-web/" + name + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
