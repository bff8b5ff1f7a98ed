package org.plugftpd.auth.puredb.format;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/** Stub: a read-only, memory-mapped PureDB file (spec/puredb.md §4). The format helper completes it. */
public final class PureDb implements Closeable {
    private PureDb() {
    }

    /** Opens and validates (size, magic); throws PureDbFormatException naming the file when it is not a PDB2 file. */
    public static PureDb open(Path file) throws IOException {
        throw new UnsupportedOperationException("TODO format helper");
    }

    /** The value stored for {@code key}, or null when absent. Corruption → PureDbFormatException naming file and offset. */
    public byte[] find(byte[] key) throws IOException {
        throw new UnsupportedOperationException("TODO format helper");
    }

    @Override
    public void close() {
    }
}
