package org.plugftpd.auth.puredb.format;

import java.nio.charset.StandardCharsets;

/** The fixed geometry and the hash of a PDB2 file (spec/puredb.md §2–§3), for reader and writer. Stateless. */
final class PureDbLayout {

    static final byte[] MAGIC = "PDB2".getBytes(StandardCharsets.US_ASCII);
    static final int BUCKETS = 256;
    /** Offset of {@code directory[0]}; the directory has {@link #BUCKETS} + 1 entries. */
    static final int DIRECTORY_OFFSET = 4;
    /** Where the slot area starts: magic + 257 directory entries. */
    static final int SLOTS_OFFSET = DIRECTORY_OFFSET + 4 * (BUCKETS + 1);
    static final int SLOT_SIZE = 8;
    /** An empty bucket still takes one 4-byte filler in the slot area. */
    static final int EMPTY_BUCKET_SIZE = 4;
    /** Every integer and offset is an unsigned 32-bit value (spec/puredb.md §1). */
    static final long MAX_FILE_SIZE = 0xffffffffL;

    private PureDbLayout() {
    }

    /** The 32-bit key hash: djb2 with XOR, over the key from its last byte to its first (spec/puredb.md §3). */
    static int hash(byte[] key) {
        int h = 5381;
        for (int i = key.length - 1; i >= 0; i--) {
            h += h << 5;
            h ^= key[i] & 0xff;
        }
        return h;
    }

    static int bucketOf(int hash) {
        return hash & 0xff;
    }
}
