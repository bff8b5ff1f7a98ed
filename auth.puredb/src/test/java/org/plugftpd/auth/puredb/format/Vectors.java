package org.plugftpd.auth.puredb.format;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.plugftpd.auth.puredb.VectorFiles;

/** Finds the Pure-FTPd 1.0.50 captures in vectors/. Stateless, thread-safe. */
final class Vectors {

    private Vectors() {
    }

    static Path folder(String set) {
        return VectorFiles.folder(set);
    }

    /** Every X.passwd that has an X.pdb made from it by the real pure-pw mkdb (pdb-edge and passwd sets). */
    static List<Path> passwdWithPdb() {
        List<Path> found = new ArrayList<>();
        for (String set : new String[] {"pdb-edge", "passwd"}) {
            try (Stream<Path> files = Files.list(folder(set))) {
                files.filter(f -> f.getFileName().toString().endsWith(".passwd"))
                        .filter(f -> Files.exists(pdbOf(f)))
                        .sorted()
                        .forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertTrue("expected at least 6 passwd/pdb vector pairs, found " + found, found.size() >= 6);
        return found;
    }

    static Path pdbOf(Path passwd) {
        String name = passwd.getFileName().toString();
        return passwd.resolveSibling(name.substring(0, name.length() - ".passwd".length()) + ".pdb");
    }
}
