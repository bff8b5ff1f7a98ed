package org.plugftpd.auth.puredb.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.plugftpd.auth.puredb.ctext.FgetsLineReader;
import org.plugftpd.auth.puredb.ctext.PasswdLine;

/**
 * Writes PureDB files byte-identical to pure-pw mkdb (spec/puredb.md §5). Every write goes to
 * temp files of its own beside the target, is fsynced and renamed atomically onto the target
 * (mode 0600); on any failure the temp files are removed and the old target stays as it was.
 * <p>Stateless; concurrent writes of the same target are safe (the last rename wins, each result whole).
 */
public final class PureDbWriter {

    private PureDbWriter() {
    }

    /**
     * pure-pw mkdb: reads {@code passwd} with mkdb's line rules (spec/puredb.md §5.2) and writes {@code pdb}.
     *
     * @throws java.nio.file.NoSuchFileException (or another FileSystemException whose file is {@code passwd})
     *         when the passwd file cannot be opened, before anything is written (pure-pw exit code 2);
     *         other IOExceptions name the file they concern (the passwd file when reading fails,
     *         {@code pdb} when writing fails)
     */
    public static void mkdb(Path passwd, Path pdb) throws IOException {
        mkdb(passwd, pdb, PureDbLayout.MAX_FILE_SIZE);
    }

    static void mkdb(Path passwd, Path pdb, long maxFileSize) throws IOException {
        // pure-pw opens the passwd file before creating anything, so a missing one leaves no trace
        try (InputStream in = Files.newInputStream(passwd);
                PendingDatabase database = new PendingDatabase(pdb, maxFileSize)) {
            FgetsLineReader reader = new FgetsLineReader(in);
            for (PasswdLine line = nextLine(reader, passwd); line != null; line = nextLine(reader, passwd)) {
                if (line.isMkdbRecord()) {
                    database.add(line.key(), line.value());
                }
            }
            database.commit();
        }
    }

    /** Writes {@code records} in list order (duplicate keys kept; the first one wins at lookup). */
    public static void write(Path target, List<PureDbRecord> records) throws IOException {
        write(target, records, PureDbLayout.MAX_FILE_SIZE);
    }

    static void write(Path target, List<PureDbRecord> records, long maxFileSize) throws IOException {
        try (PendingDatabase database = new PendingDatabase(target, maxFileSize)) {
            for (PureDbRecord record : records) {
                database.add(record.key(), record.value());
            }
            database.commit();
        }
    }

    private static PasswdLine nextLine(FgetsLineReader reader, Path passwd) throws IOException {
        try {
            return reader.nextPiece();
        } catch (IOException e) {
            throw new IOException(passwd + ": cannot read: " + e.getMessage(), e);
        }
    }
}
