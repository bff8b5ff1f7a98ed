package org.plugftpd.altlog.writer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends whole lines to one log file the way Pure-FTPd does (spec/altlog.md §2): each line is
 * one write under an exclusive lock on the whole file, at its end, so plugftpd and Pure-FTPd
 * processes can share the file. A file renamed or removed away (logrotate) is noticed before
 * the next line and a new one is opened. When the file cannot be written (missing folder, full
 * disk) lines wait in a bounded backlog, in order, and are written by the next {@link #append}
 * or {@link #retry}; the problem is logged once per outage. Lines that do not fit the backlog
 * are counted as dropped (the newest are dropped, so what reaches the file stays in order).
 * Thread-safe (one monitor); after {@link #close} each late line is written with a one-off open.
 */
public final class LockedLogAppender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LockedLogAppender.class);
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path file;
    private final Function<java.time.Instant, byte[]> header;
    private int backlogCapacity;
    private final Clock clock;

    private final ArrayDeque<byte[]> backlog = new ArrayDeque<>();
    private FileChannel channel;
    private Object openFileKey;
    private boolean closed;
    /** The problem of the current outage, null while writing works. */
    private String problem;
    private long droppedInOutage;
    private long written;
    private long dropped;

    /**
     * @param header bytes written first into a file this appender creates (or finds empty), given
     *        the creation time; empty for none
     * @param backlogCapacity lines kept while the file cannot be written
     */
    public LockedLogAppender(Path file, Function<java.time.Instant, byte[]> header, int backlogCapacity, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.header = Objects.requireNonNull(header, "header");
        if (backlogCapacity < 0) {
            throw new IllegalArgumentException("backlog capacity " + backlogCapacity + " is negative");
        }
        this.backlogCapacity = backlogCapacity;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /** A new bound for the backlog (a reconfiguration); lines already kept stay, even above it. */
    public synchronized void backlogCapacity(int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("backlog capacity " + lines + " is negative");
        }
        this.backlogCapacity = lines;
    }

    /** Writes {@code line} (which carries its own line end) or keeps it for later; never throws for I/O. */
    public synchronized void append(byte[] line) {
        if (line.length == 0) {
            return;
        }
        if (closed) {
            writeOnce(line);
            return;
        }
        if (!backlog.isEmpty()) {
            flushBacklog();
        }
        if (backlog.isEmpty() && tryWrite(line)) {
            recovered();
            return;
        }
        keep(line);
    }

    /** Writes what the backlog holds, if the file can be written now (called by a timer). */
    public synchronized void retry() {
        if (!closed && !backlog.isEmpty()) {
            flushBacklog();
        }
    }

    /** Closes the open file so the next line opens the path afresh (after an outside rotation). */
    public synchronized void reopen() {
        closeChannel();
        retry();
    }

    /** Tries a last time to write the backlog, then closes; what could not be written is logged as lost. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        retry();
        if (!backlog.isEmpty()) {
            LOG.error("{}: {} lines could not be written before closing ({}); they are lost", file, backlog.size(),
                    problem);
            dropped += backlog.size();
            backlog.clear();
        }
        closeChannel();
        closed = true;
    }

    public synchronized long linesWritten() {
        return written;
    }

    public synchronized int backlogSize() {
        return backlog.size();
    }

    public synchronized long linesDropped() {
        return dropped;
    }

    /** What stops writing right now, or null when the file is being written. */
    public synchronized String problem() {
        return problem;
    }

    private void flushBacklog() {
        while (!backlog.isEmpty()) {
            if (!tryWrite(backlog.peekFirst())) {
                return;
            }
            backlog.removeFirst();
        }
        recovered();
    }

    private void keep(byte[] line) {
        if (backlog.size() < backlogCapacity) {
            backlog.addLast(line);
            return;
        }
        dropped++;
        if (droppedInOutage++ == 0) {
            LOG.error("{}: backlog full ({} lines); further lines are dropped until the file can be written again",
                    file, backlogCapacity);
        }
    }

    private void recovered() {
        if (problem != null) {
            LOG.warn("{}: writing again{}", file, droppedInOutage == 0 ? "" : "; " + droppedInOutage
                    + " lines were dropped meanwhile");
            problem = null;
            droppedInOutage = 0;
        }
    }

    /** One attempt at one line: true when it is in the file, whole. */
    private boolean tryWrite(byte[] line) {
        try {
            ensureCurrentFile();
            lockedAppend(channel, line);
            written++;
            return true;
        } catch (IOException | OverlappingFileLockException e) {
            closeChannel();
            failed(e);
            return false;
        }
    }

    private void failed(Exception e) {
        String what = describe(e);
        if (problem == null) {
            LOG.error("{}: cannot write the transfer log ({}); lines are kept (up to {}) and retried", file, what,
                    backlogCapacity);
        }
        problem = what;
    }

    /** Opens the path when nothing is open or the open file is no longer the one the path names (rotation). */
    private void ensureCurrentFile() throws IOException {
        if (channel != null && channel.isOpen()) {
            Object current;
            try {
                current = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            } catch (NoSuchFileException e) {
                current = null;
            }
            if (current != null && current.equals(openFileKey)) {
                return;
            }
            closeChannel();
        }
        open();
    }

    private void open() throws IOException {
        FileChannel ch;
        boolean created;
        // spec/altlog.md §2: O_EXCL first so the header goes only into a file this open created
        try {
            ch = FileChannel.open(file, Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                    StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS), OWNER_ONLY);
            created = true;
        } catch (FileAlreadyExistsException e) {
            ch = FileChannel.open(file, Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                    StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS), OWNER_ONLY);
            created = false;
        }
        try {
            openFileKey = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            byte[] head = header.apply(clock.instant());
            if (head.length > 0) {
                writeHeaderIfEmpty(ch, head, created);
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        channel = ch;
    }

    /**
     * Also an empty file found in place (logrotate's "create") gets the header, so W3C readers
     * always see #Fields; checked under the lock because another writer may be first.
     */
    private static void writeHeaderIfEmpty(FileChannel ch, byte[] head, boolean created) throws IOException {
        try (FileLock lock = ch.lock()) {
            if (created || ch.size() == 0) {
                writeWhole(ch, head, ch.size());
            }
        }
    }

    private static void lockedAppend(FileChannel ch, byte[] line) throws IOException {
        try (FileLock lock = ch.lock()) {
            writeWhole(ch, line, ch.size());
        }
    }

    /** Writes all bytes or, on failure, cuts the file back to where it was: no torn line is left. */
    private static void writeWhole(FileChannel ch, byte[] bytes, long endBefore) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        try {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        } catch (IOException e) {
            if (buf.position() > 0) {
                try {
                    ch.truncate(endBefore);
                } catch (IOException second) {
                    e.addSuppressed(second);
                }
            }
            throw e;
        }
    }

    /** After close: the dispatcher may still hand over lines queued before the listener went away. */
    private void writeOnce(byte[] line) {
        try {
            open();
            try {
                lockedAppend(channel, line);
                written++;
            } finally {
                closeChannel();
            }
        } catch (IOException | OverlappingFileLockException e) {
            closeChannel();
            dropped++;
            LOG.error("{}: a line arriving after the log was closed could not be written ({}); it is lost", file,
                    describe(e));
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("{}: closing: {}", file, e.toString());
            }
            channel = null;
            openFileKey = null;
        }
    }

    private static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory: " + ((NoSuchFileException) e).getFile();
        }
        if (e instanceof OverlappingFileLockException) {
            return "another writer in this JVM holds the file's lock";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
