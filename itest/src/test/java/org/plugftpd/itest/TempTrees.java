package org.plugftpd.itest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Temporary folders of the integration tests, removed with everything in them when the test JVM
 * ends (Felix of a Pax Exam class may still hold files in them until then). Thread-safe.
 */
final class TempTrees {
    private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempTrees::removeAll, "itest-temp-cleanup"));
    }

    private TempTrees() {
    }

    /** A new empty folder under java.io.tmpdir, removed at JVM exit. */
    static Path create(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        CREATED.add(dir);
        return dir;
    }

    static void removeAll() {
        for (Path dir : CREATED) {
            remove(dir);
        }
    }

    /** Removes a tree, deepest first; what cannot be removed is left (best effort at exit). */
    static void remove(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("itest: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
