package org.plugftpd.auth.puredb;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the shared Pure-FTPd 1.0.50 captures are, for every test package of this bundle. Stateless. */
public final class VectorFiles {

    private VectorFiles() {
    }

    /** vectors/: surefire sets plugftpd.vectors (see pom.xml); an IDE run starts in the module dir. */
    public static Path root() {
        String configured = System.getProperty("plugftpd.vectors");
        Path root = configured != null && !configured.isEmpty()
                ? Paths.get(configured) : Paths.get("..", "vectors");
        assertTrue("vectors not found at " + root.toAbsolutePath(), Files.isDirectory(root));
        return root;
    }

    /** One set of captures, e.g. "passwd" or "pdb-edge". */
    public static Path folder(String set) {
        Path folder = root().resolve(set);
        assertTrue("vector folder missing: " + folder.toAbsolutePath(), Files.isDirectory(folder));
        return folder;
    }
}
