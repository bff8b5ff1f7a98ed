package org.plugftpd.auth.puredb.hash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.plugftpd.auth.puredb.VectorFiles;

/** Reads the passwd set of the shared Pure-FTPd vectors ({@link VectorFiles}). */
final class Vectors {

    private Vectors() {
    }

    static Path passwdDir() {
        return VectorFiles.folder("passwd");
    }

    /** login → field 2 (the hash) of pureftpd.passwd. */
    static Map<String, String> storedHashes() throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String line : Files.readAllLines(passwdDir().resolve("pureftpd.passwd"), StandardCharsets.UTF_8)) {
            String[] fields = line.split(":", -1);
            hashes.put(fields[0], fields[1]);
        }
        return hashes;
    }

    /** The rows of a TSV file without its header line. */
    static List<String[]> tsv(String name, boolean hasHeader) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(passwdDir().resolve(name), StandardCharsets.UTF_8);
        for (int i = hasHeader ? 1 : 0; i < lines.size(); i++) {
            if (!lines.get(i).isEmpty()) {
                rows.add(lines.get(i).split("\t", -1));
            }
        }
        return rows;
    }
}
