package io.ballast.server.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tells when a file in a watched folder is done being written: when its size and time stamp held still between two
 * scans. One instance per folder, used by one scanning thread at a time (the plugins folder, the inbox).
 */
public final class StableFiles {

    /** A file's size and last-modified time, as one scan saw them. */
    public record Stamp(long size, FileTime modified) {

        /** The stamp of {@code file} now, or empty when it vanished or cannot be read. */
        public static Optional<Stamp> of(Path file) {
            try {
                return Optional.of(new Stamp(Files.size(file), Files.getLastModifiedTime(file)));
            } catch (IOException e) {
                return Optional.empty(); // vanished between listing and reading: the next scan sees it gone
            }
        }
    }

    private final Map<Path, Stamp> pending = new HashMap<>();

    /**
     * Whether {@code file} has the stamp {@code now} the previous scan saw too; if not, remembers it for the next scan.
     * A file that held still is forgotten, so it is reported once until it changes again.
     */
    public boolean heldStill(Path file, Stamp now) {
        if (now.equals(pending.get(file))) {
            pending.remove(file);
            return true;
        }
        pending.put(file, now);
        return false;
    }

    /** Stops watching a file that was acted on or needs no action. */
    public void forget(Path file) {
        pending.remove(file);
    }

    /** Forgets the files that are no longer there; call once per scan with those present. */
    public void retain(Set<Path> present) {
        pending.keySet().retainAll(present);
    }
}
