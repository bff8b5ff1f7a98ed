package org.plugftpd.auth.puredb.format;

import static org.plugftpd.auth.puredb.format.PureDbLayout.BUCKETS;
import static org.plugftpd.auth.puredb.format.PureDbLayout.EMPTY_BUCKET_SIZE;
import static org.plugftpd.auth.puredb.format.PureDbLayout.MAGIC;
import static org.plugftpd.auth.puredb.format.PureDbLayout.SLOTS_OFFSET;
import static org.plugftpd.auth.puredb.format.PureDbLayout.SLOT_SIZE;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A PDB2 file being written (spec/puredb.md §5): records go to a data temp file as they come,
 * {@link #commit} writes the index temp file, appends the data, fsyncs and renames it over the target.
 * <p>Lifecycle: construct, {@link #add} records, {@link #commit}, always {@link #close} (removes
 * whatever temp file is left). One thread at a time; every instance has temp files of its own.
 */
final class PendingDatabase implements Closeable {

    private final Path target;
    private final long maxFileSize;
    private final Path indexFile;
    private final Path dataFile;
    private final FileChannel dataChannel;
    private final DataOutputStream data;
    private long dataSize;
    private int[] hashes = new int[64];
    private int[] offsets = new int[64];
    private int count;
    private boolean committed;

    /**
     * Creates the two temp files beside {@code target}, named after it with a unique middle part
     * (so concurrent writers, and a pure-pw using {@code <target>.index}, never share one), mode 0600.
     */
    PendingDatabase(Path target, long maxFileSize) throws IOException {
        this.target = target;
        this.maxFileSize = maxFileSize;
        Path directory = target.toAbsolutePath().getParent();
        String prefix = target.getFileName() + ".";
        Path index = null;
        Path dataTemp = null;
        FileChannel channel = null;
        try {
            // createTempFile: O_EXCL and rw------- on POSIX, whatever the umask
            index = Files.createTempFile(directory, prefix, ".index");
            dataTemp = Files.createTempFile(directory, prefix, ".data");
            channel = FileChannel.open(dataTemp, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(index);
            deleteQuietly(dataTemp);
            throw failure("cannot create a temporary file in " + directory, e);
        }
        this.indexFile = index;
        this.dataFile = dataTemp;
        this.dataChannel = channel;
        this.data = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024));
    }

    /** Appends a record; duplicates are kept (the first one added wins at lookup). */
    void add(byte[] key, byte[] value) throws IOException {
        long recordSize = 8L + key.length + value.length;
        // spec/puredb.md §7: refuse what would push an offset past 32 bits (the index is at least 1032 + 8 per record)
        if (SLOTS_OFFSET + (long) SLOT_SIZE * (count + 1) + dataSize + recordSize > maxFileSize) {
            throw new IOException(target + ": record " + (count + 1) + " would make the database larger than "
                    + maxFileSize + " bytes, the most a PDB2 file's 32-bit offsets can address");
        }
        if (count == hashes.length) {
            hashes = Arrays.copyOf(hashes, count * 2);
            offsets = Arrays.copyOf(offsets, count * 2);
        }
        hashes[count] = PureDbLayout.hash(key);
        offsets[count] = (int) dataSize;
        count++;
        try {
            data.writeInt(key.length);
            data.write(key);
            data.writeInt(value.length);
            data.write(value);
        } catch (IOException e) {
            throw failure("cannot write " + dataFile, e);
        }
        dataSize += recordSize;
    }

    /** Writes the index, appends the data, fsyncs and atomically renames the result onto the target. */
    void commit() throws IOException {
        int[] bucketSizes = new int[BUCKETS];
        int[] order = slotOrder(bucketSizes);
        long indexSize = SLOTS_OFFSET;
        for (int b = 0; b < BUCKETS; b++) {
            indexSize += bucketSizes[b] == 0 ? EMPTY_BUCKET_SIZE : (long) SLOT_SIZE * bucketSizes[b];
        }
        if (indexSize + dataSize > maxFileSize) {
            throw new IOException(target + ": " + count + " records make " + (indexSize + dataSize)
                    + " bytes, more than the " + maxFileSize + " a PDB2 file's 32-bit offsets can address");
        }
        try {
            data.flush();
        } catch (IOException e) {
            throw failure("cannot write " + dataFile, e);
        }
        try (FileChannel index = FileChannel.open(indexFile, StandardOpenOption.WRITE)) {
            writeIndex(index, order, bucketSizes, indexSize);
            long copied = 0;
            while (copied < dataSize) {
                copied += dataChannel.transferTo(copied, dataSize - copied, index);
            }
            index.force(true);
        } catch (IOException e) {
            throw failure("cannot write " + indexFile, e);
        }
        try {
            Files.move(indexFile, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw failure("cannot rename " + indexFile + " atomically onto it", e);
        } catch (IOException e) {
            throw failure("cannot rename " + indexFile + " onto it", e);
        }
        committed = true;
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** Removes the temp files that are still there; never throws. */
    @Override
    public void close() {
        try {
            data.close();
        } catch (IOException e) {
            // the data temp file is deleted below; nothing in it matters any more
        }
        deleteQuietly(dataFile);
        if (!committed) {
            deleteQuietly(indexFile);
        }
    }

    /**
     * Record positions (indexes into hashes/offsets) in slot order: by bucket, then hash unsigned,
     * then data offset (spec/puredb.md §2.2); offsets grow with the position, so the position breaks ties.
     *
     * @param bucketSizes filled with the number of records of each bucket
     */
    private int[] slotOrder(int[] bucketSizes) {
        int[] bucketStart = new int[BUCKETS + 1];
        for (int i = 0; i < count; i++) {
            bucketSizes[PureDbLayout.bucketOf(hashes[i])]++;
        }
        for (int b = 0; b < BUCKETS; b++) {
            bucketStart[b + 1] = bucketStart[b] + bucketSizes[b];
        }
        int[] fill = bucketStart.clone();
        long[] keys = new long[count];
        for (int i = 0; i < count; i++) {
            // hash in the high half, position in the low half; flipping the sign bit makes a signed sort unsigned
            keys[fill[PureDbLayout.bucketOf(hashes[i])]++] = ((hashes[i] & 0xffffffffL) << 32 | i) ^ Long.MIN_VALUE;
        }
        for (int b = 0; b < BUCKETS; b++) {
            Arrays.sort(keys, bucketStart[b], bucketStart[b + 1]);
        }
        int[] order = new int[count];
        for (int j = 0; j < count; j++) {
            order[j] = (int) (keys[j] ^ Long.MIN_VALUE);
        }
        return order;
    }

    private void writeIndex(FileChannel index, int[] order, int[] bucketSizes, long indexSize) throws IOException {
        DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(index), 64 * 1024));
        out.write(MAGIC);
        long position = SLOTS_OFFSET;
        for (int b = 0; b < BUCKETS; b++) {
            out.writeInt((int) position);
            position += bucketSizes[b] == 0 ? EMPTY_BUCKET_SIZE : (long) SLOT_SIZE * bucketSizes[b];
        }
        out.writeInt((int) position);
        int next = 0;
        for (int b = 0; b < BUCKETS; b++) {
            if (bucketSizes[b] == 0) {
                // spec/puredb.md §2.2: an empty bucket holds the filler value bucket + 1
                out.writeInt(b + 1);
                continue;
            }
            for (int i = 0; i < bucketSizes[b]; i++, next++) {
                int record = order[next];
                out.writeInt(hashes[record]);
                out.writeInt((int) ((offsets[record] & 0xffffffffL) + indexSize));
            }
        }
        out.flush();
    }

    private static void syncDirectory(Path directory) {
        // makes the rename itself durable; some file systems cannot fsync a directory, the rename stands anyway
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    private IOException failure(String what, Exception cause) {
        return new IOException(target + ": " + what + ": " + describe(cause), cause);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing better to do with a temp file that cannot be removed
        }
    }
}
