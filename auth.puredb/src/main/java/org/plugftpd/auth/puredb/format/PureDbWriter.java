package org.plugftpd.auth.puredb.format;

import java.io.IOException;
import java.nio.file.Path;

/** Stub: writes PureDB files byte-identical to pure-pw mkdb (spec/puredb.md §5). The format helper completes it. */
public final class PureDbWriter {
    private PureDbWriter() {
    }

    /**
     * pure-pw mkdb: reads {@code passwd} with mkdb's line rules and writes {@code pdb} through
     * {@code <pdb>.index}/{@code <pdb>.data}, fsync, atomic rename, mode 0600.
     */
    public static void mkdb(Path passwd, Path pdb) throws IOException {
        throw new UnsupportedOperationException("TODO format helper");
    }
}
