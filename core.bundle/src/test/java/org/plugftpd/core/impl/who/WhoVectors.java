package org.plugftpd.core.impl.who;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Reads pure-ftpwho 1.0.50 captures from vectors/ftpwho. Stateless, thread-safe. */
final class WhoVectors {

    private WhoVectors() {
    }

    static Path folder() {
        String configured = System.getProperty("plugftpd.vectors");
        // Surefire sets the property (core.bundle/pom.xml); an IDE run starts in the module dir.
        Path vectors = configured != null && !configured.isEmpty()
                ? Paths.get(configured) : Paths.get("..", "vectors");
        Path ftpwho = vectors.resolve("ftpwho");
        assertTrue("vector folder missing: " + ftpwho.toAbsolutePath(), Files.isDirectory(ftpwho));
        return ftpwho;
    }

    /** The capture's bytes as ISO-8859-1 text, one char per byte, so comparisons are byte exact. */
    static String bytesOf(String fileName) {
        try {
            return new String(Files.readAllBytes(folder().resolve(fileName)), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vector " + fileName, e);
        }
    }

    /** Our output as the bytes the command would write (UTF-8), one char per byte. */
    static String bytesOfOutput(String rendered) {
        return new String(rendered.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
