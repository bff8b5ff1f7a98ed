package org.plugftpd.auth.puredb.format;

import static org.plugftpd.auth.puredb.format.PureDbLayout.BUCKETS;
import static org.plugftpd.auth.puredb.format.PureDbLayout.DIRECTORY_OFFSET;
import static org.plugftpd.auth.puredb.format.PureDbLayout.EMPTY_BUCKET_SIZE;
import static org.plugftpd.auth.puredb.format.PureDbLayout.MAGIC;
import static org.plugftpd.auth.puredb.format.PureDbLayout.MAX_FILE_SIZE;
import static org.plugftpd.auth.puredb.format.PureDbLayout.SLOTS_OFFSET;
import static org.plugftpd.auth.puredb.format.PureDbLayout.SLOT_SIZE;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A read-only PureDB ({@code .pdb}) file mapped into memory; lookups read the file's own hash
 * tables (spec/puredb.md §4), with every read checked against the file's size.
 * <p>Lifecycle: {@link #open} maps and keeps the file open, {@link #close} forbids further lookups
 * and closes it (the mapping goes with the garbage collector, so lookups already running stay valid). Thread-safe.
 */
public final class PureDb implements Closeable {

    /** Largest piece mapped at once; a MappedByteBuffer is int-indexed and the format allows 4 GiB. */
    static final int DEFAULT_CHUNK_SHIFT = 30;
    /** No account line comes near this; a larger length is corruption, refused before allocating it. */
    static final long MAX_VALUE_LENGTH = 16L << 20;

    private final Path file;
    /**
     * Kept open to fstat it: a mapped file that shrinks in place would fault (SIGBUS) instead of
     * failing politely. A RandomAccessFile, because an interrupted thread closes a FileChannel for everyone.
     */
    private final RandomAccessFile handle;
    private final long size;
    private final int chunkShift;
    private final ByteBuffer[] chunks;
    private volatile boolean closed;

    private PureDb(Path file, RandomAccessFile handle, long size, int chunkShift, ByteBuffer[] chunks) {
        this.file = file;
        this.handle = handle;
        this.size = size;
        this.chunkShift = chunkShift;
        this.chunks = chunks;
    }

    /**
     * Opens and validates (size, magic); throws PureDbFormatException naming the file when it is
     * not a PDB2 file, or the usual NoSuchFileException/AccessDeniedException when it cannot be opened.
     */
    public static PureDb open(Path file) throws IOException {
        return open(file, DEFAULT_CHUNK_SHIFT);
    }

    /** As {@link #open(Path)}, mapped in pieces of {@code 1 << chunkShift} bytes (tests make them tiny). */
    static PureDb open(Path file, int chunkShift) throws IOException {
        RandomAccessFile handle = openReadOnly(file);
        try {
            long size = handle.length();
            // spec/puredb.md §4 step 1: 1032 <= size <= 0xffffffff
            if (size < SLOTS_OFFSET) {
                throw new PureDbFormatException(file, -1, "only " + size + " bytes long; a PDB2 file has at least "
                        + SLOTS_OFFSET + " (truncated, or not a PureDB file - try pure-pw mkdb)");
            }
            if (size > MAX_FILE_SIZE) {
                throw new PureDbFormatException(file, -1, size + " bytes long; a PDB2 file is smaller than 4 GiB");
            }
            long chunkSize = 1L << chunkShift;
            ByteBuffer[] chunks = new ByteBuffer[(int) ((size + chunkSize - 1) >>> chunkShift)];
            for (int i = 0; i < chunks.length; i++) {
                long position = (long) i << chunkShift;
                long length = Math.min(chunkSize, size - position);
                chunks[i] = handle.getChannel().map(FileChannel.MapMode.READ_ONLY, position, length).asReadOnlyBuffer();
            }
            PureDb db = new PureDb(file, handle, size, chunkShift, chunks);
            db.checkMagic();
            return db;
        } catch (IOException | RuntimeException | Error e) {
            handle.close();
            throw e;
        }
    }

    private static RandomAccessFile openReadOnly(Path file) throws IOException {
        try {
            return new RandomAccessFile(file.toFile(), "r");
        } catch (FileNotFoundException e) {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            throw new FileSystemException(file.toString(), null, e.getMessage());
        }
    }

    private void checkMagic() throws PureDbFormatException {
        try {
            for (int i = 0; i < MAGIC.length; i++) {
                if (byteAt(i) != MAGIC[i]) {
                    throw new PureDbFormatException(file, 0,
                            "bad magic (expected \"PDB2\"): not a PureDB file or an old format - try pure-pw mkdb");
                }
            }
        } catch (InternalError e) {
            throw changedUnderneath(e);
        }
    }

    public Path file() {
        return file;
    }

    /** The file's size in bytes when it was mapped. */
    public long size() {
        return size;
    }

    /**
     * The value stored for {@code key} (byte-exact, first record added wins), or null when absent.
     * Corruption (or the file truncated underneath the mapping) → PureDbFormatException naming file and offset.
     */
    public byte[] find(byte[] key) throws IOException {
        if (closed) {
            throw new IllegalStateException(file + ": PureDb is closed");
        }
        try {
            checkUnchangedSize();
            return lookup(key);
        } catch (InternalError e) {
            throw changedUnderneath(e);
        }
    }

    private byte[] lookup(byte[] key) throws PureDbFormatException {
        int hash = PureDbLayout.hash(key);
        long wanted = hash & 0xffffffffL;
        int bucket = PureDbLayout.bucketOf(hash);
        long entry = DIRECTORY_OFFSET + 4L * bucket;
        long start = u32(entry, "directory entry of bucket " + bucket);
        long end = u32(entry + 4, "directory entry of bucket " + (bucket + 1));
        if (end <= start) {
            throw new PureDbFormatException(file, entry, "bucket " + bucket + " ends at " + end
                    + ", not after its start " + start);
        }
        // spec/puredb.md §4 step 5: a zero start means "not found"
        if (start == 0) {
            return null;
        }
        long slots = (end - start) / SLOT_SIZE;
        // spec/puredb.md §4 step 6: an empty bucket (4-byte filler) is "absent"
        if (slots == 0) {
            return null;
        }
        require(start, slots * SLOT_SIZE, "slot list of bucket " + bucket);
        long low = 0;
        long high = slots;
        while (low < high) {
            long middle = (low + high) >>> 1;
            if (u32(start + middle * SLOT_SIZE, "slot hash") < wanted) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        for (long s = low; s < slots; s++) {
            long slot = start + s * SLOT_SIZE;
            if (u32(slot, "slot hash") != wanted) {
                return null;
            }
            long record = u32(slot + 4, "record offset");
            long keyLength = u32(record, "key length of the record at " + record);
            if (keyLength != key.length) {
                continue;
            }
            require(record + 4, keyLength + 4, "key of the record at " + record);
            if (!regionEquals(record + 4, key)) {
                continue;
            }
            long valueAt = record + 8 + keyLength;
            long valueLength = u32(valueAt - 4, "value length of the record at " + record);
            require(valueAt, valueLength, "value of the record at " + record);
            if (valueLength > MAX_VALUE_LENGTH) {
                throw new PureDbFormatException(file, valueAt - 4, "value length " + valueLength
                        + " of the record at " + record + " is over the " + MAX_VALUE_LENGTH + "-byte limit");
            }
            return read(valueAt, (int) valueLength);
        }
        return null;
    }

    /**
     * Checks the whole structure once: directory contiguous and inside the file, every slot in
     * its bucket and sorted, every record inside the file. Reads every slot and record header
     * (nothing is kept), so after a successful check lookups only fail if the file changes in place.
     *
     * @return the number of records
     */
    public long verify() throws IOException {
        if (closed) {
            throw new IllegalStateException(file + ": PureDb is closed");
        }
        try {
            checkUnchangedSize();
            return checkStructure();
        } catch (InternalError e) {
            throw changedUnderneath(e);
        }
    }

    private long checkStructure() throws PureDbFormatException {
        long dataStart = u32(DIRECTORY_OFFSET + 4L * BUCKETS, "end of the slot area");
        if (dataStart > size) {
            throw new PureDbFormatException(file, DIRECTORY_OFFSET + 4L * BUCKETS,
                    "slot area ends at " + dataStart + ", past the end of the file (" + size + " bytes)");
        }
        long records = 0;
        long start = u32(DIRECTORY_OFFSET, "directory entry of bucket 0");
        if (start != SLOTS_OFFSET) {
            throw new PureDbFormatException(file, DIRECTORY_OFFSET,
                    "bucket 0 starts at " + start + " instead of " + SLOTS_OFFSET);
        }
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            long entry = DIRECTORY_OFFSET + 4L * (bucket + 1);
            long end = u32(entry, "directory entry of bucket " + (bucket + 1));
            long span = end - start;
            if (span != EMPTY_BUCKET_SIZE && (span <= 0 || span % SLOT_SIZE != 0)) {
                throw new PureDbFormatException(file, entry, "bucket " + bucket + " spans " + start + ".." + end
                        + ", neither an empty bucket (4 bytes) nor whole 8-byte slots");
            }
            if (end > dataStart) {
                throw new PureDbFormatException(file, entry, "bucket " + bucket + " ends at " + end
                        + ", inside the data area starting at " + dataStart);
            }
            long previousHash = -1;
            for (long slot = start; span != EMPTY_BUCKET_SIZE && slot < end; slot += SLOT_SIZE) {
                long hash = u32(slot, "slot hash");
                if ((hash & 0xff) != bucket || hash < previousHash) {
                    throw new PureDbFormatException(file, slot, "slot hash " + Long.toHexString(hash)
                            + (hash < previousHash ? " out of order" : " does not belong in bucket " + bucket));
                }
                previousHash = hash;
                long record = u32(slot + 4, "record offset");
                if (record < dataStart) {
                    throw new PureDbFormatException(file, slot + 4,
                            "record offset " + record + " points before the data area (" + dataStart + ")");
                }
                long keyLength = u32(record, "key length of the record at " + record);
                require(record + 4, keyLength + 4, "key of the record at " + record);
                long valueLength = u32(record + 4 + keyLength, "value length of the record at " + record);
                require(record + 8 + keyLength, valueLength, "value of the record at " + record);
                records++;
            }
            start = end;
        }
        if (start != dataStart) {
            throw new PureDbFormatException(file, DIRECTORY_OFFSET + 4L * BUCKETS,
                    "slot area ends at " + start + " but the data area is said to start at " + dataStart);
        }
        return records;
    }

    /** Forbids further lookups and closes the file. The mapping itself goes with the last reference. */
    @Override
    public void close() throws IOException {
        closed = true;
        handle.close();
    }

    @Override
    public String toString() {
        return "PureDb[" + file + ", " + size + " bytes]";
    }

    /**
     * Reading a mapped page the file no longer covers raises SIGBUS, which compiled code reports
     * late, somewhere after the faulting read; one fstat first keeps that to a concurrent truncation.
     */
    private void checkUnchangedSize() throws IOException {
        long now = handle.length();
        if (now != size) {
            throw new PureDbFormatException(file, -1, "now " + now + " bytes long, " + size + " when it was opened: "
                    + "changed in place instead of replaced by rename");
        }
    }

    private PureDbFormatException changedUnderneath(InternalError e) {
        // Linux raises SIGBUS when a mapped page no longer has file behind it; the JVM reports it as InternalError
        return new PureDbFormatException(file, -1, "the file changed underneath the mapping while it was read "
                + "(truncated or rewritten in place instead of replaced by rename)", e);
    }

    private void require(long offset, long length, String what) throws PureDbFormatException {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new PureDbFormatException(file, offset,
                    what + " (" + length + " bytes) runs past the end of the file (" + size + " bytes)");
        }
    }

    private long u32(long offset, String what) throws PureDbFormatException {
        require(offset, 4, what);
        ByteBuffer chunk = chunks[(int) (offset >>> chunkShift)];
        int inChunk = (int) (offset & ((1L << chunkShift) - 1));
        if (inChunk <= chunk.limit() - 4) {
            return chunk.getInt(inChunk) & 0xffffffffL;
        }
        return (byteAt(offset) & 0xffL) << 24 | (byteAt(offset + 1) & 0xffL) << 16
                | (byteAt(offset + 2) & 0xffL) << 8 | byteAt(offset + 3) & 0xffL;
    }

    private byte byteAt(long offset) {
        return chunks[(int) (offset >>> chunkShift)].get((int) (offset & ((1L << chunkShift) - 1)));
    }

    private boolean regionEquals(long offset, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (byteAt(offset + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private byte[] read(long offset, int length) {
        byte[] value = new byte[length];
        int done = 0;
        while (done < length) {
            long at = offset + done;
            ByteBuffer chunk = chunks[(int) (at >>> chunkShift)];
            int inChunk = (int) (at & ((1L << chunkShift) - 1));
            int n = Math.min(length - done, chunk.limit() - inChunk);
            chunk.get(inChunk, value, done, n);
            done += n;
        }
        return value;
    }
}
