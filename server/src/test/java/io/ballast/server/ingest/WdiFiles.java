package io.ballast.server.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The WDI bulk-file fixtures under {@code src/test/resources/wdi/}, for tests in any package. */
public final class WdiFiles {

    private WdiFiles() {
    }

    /** A fixture's bytes. */
    public static byte[] bytes(String name) {
        try (InputStream in = WdiFiles.class.getClassLoader().getResourceAsStream("wdi/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture wdi/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture as text (its BOM kept). */
    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** Copies a fixture into a folder under its own name, or under {@code as} when given. */
    public static Path drop(String name, Path folder, String as) {
        try {
            Files.createDirectories(folder);
            return Files.write(folder.resolve(as == null ? name : as), bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
