package org.plugftpd.defender.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.plugftpd.defender.net.AddressBlock;
import org.plugftpd.defender.score.Ban;

/**
 * The defender's bans on disk, so they survive a restart and a bundle update. One text line per
 * ban after a header: {@code <block> <since> <until> <number> <reason>} (times in epoch seconds).
 * Written whole to a temporary file beside it, forced to disk and renamed over the old one, so a
 * reader (or a crash) sees the old list or the new, never half of one. Reading never throws on bad
 * content: bad lines are reported and skipped, and a damaged file is kept aside for a person to
 * look at. Not thread-safe: one writer at a time (the component's store thread).
 */
public final class BanFile {
    static final String HEADER = "# plugftpd defender bans v1: block since until number reason (times in epoch seconds)";
    private static final int MAX_LINE = 1000;

    private final Path file;

    public BanFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** What {@link #read} found: the bans it could read and, per bad line or file, what was wrong. */
    public record Contents(List<Ban> bans, List<String> problems, Path keptAside) {
    }

    /** Reads the bans; a missing file is no bans and no problem. Never throws. */
    public Contents read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), List.of(), null);
        } catch (IOException | OutOfMemoryError e) {
            return new Contents(List.of(), List.of(file + ": cannot be read (" + e + ")"), null);
        }
        List<Ban> bans = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(file + ": not a text file");
            return new Contents(List.of(), problems, keepAside());
        }
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            problems.add(file + ":1: not a plugftpd defender ban file (the first line is not its header)");
            return new Contents(List.of(), problems, keepAside());
        }
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1) {
                break; // the final newline
            }
            try {
                bans.add(parse(line));
            } catch (IllegalArgumentException e) {
                problems.add(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return new Contents(bans, problems, problems.isEmpty() ? null : keepAside());
    }

    /** Replaces the file with {@code bans}: temp file, fsync, atomic rename, fsync of the folder. */
    public void write(Collection<Ban> bans) throws IOException {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Ban b : bans) {
            out.append(b.block()).append(' ').append(b.since().getEpochSecond()).append(' ')
                    .append(b.until().getEpochSecond()).append(' ').append(b.number()).append(' ')
                    .append(printable(b.reason())).append('\n');
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + file.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                restrict(temp);
                ByteBuffer buf = ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory(dir);
    }

    static Ban parse(String line) {
        if (line.length() > MAX_LINE) {
            throw new IllegalArgumentException("line longer than " + MAX_LINE + " characters");
        }
        String[] f = line.split(" ", 5);
        if (f.length < 5) {
            throw new IllegalArgumentException("expected 'block since until number reason', got " + f.length + " fields");
        }
        AddressBlock block = AddressBlock.parse(f[0]);
        long since = number(f[1], "since");
        long until = number(f[2], "until");
        long n = number(f[3], "number");
        if (until < since) {
            throw new IllegalArgumentException("until (" + until + ") is before since (" + since + ")");
        }
        if (n < 1 || n > 10_000) {
            throw new IllegalArgumentException("number " + n + " is not between 1 and 10000");
        }
        return new Ban(block, Instant.ofEpochSecond(since), Instant.ofEpochSecond(until), (int) n, printable(f[4]));
    }

    private static long number(String text, String field) {
        if (!text.matches("\\d{1,12}")) {
            throw new IllegalArgumentException(field + " '" + shorten(text) + "' is not a number of seconds");
        }
        return Long.parseLong(text);
    }

    private static String shorten(String s) {
        return printable(s.length() > 40 ? s.substring(0, 40) + "…" : s);
    }

    /** Control characters (and the line separators among them) become '?': one ban, one line. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029
                || Character.getType(c) == Character.FORMAT ? '?' : c));
        return b.toString();
    }

    /** Copies the damaged file to {@code <file>.corrupt} (the next write replaces the original). */
    private Path keepAside() {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
        try {
            Files.copy(file, aside, StandardCopyOption.REPLACE_EXISTING);
            return aside;
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    private static void restrict(Path p) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: its own defaults apply
        }
    }

    private static void forceDirectory(Path dir) {
        // the rename is durable once the folder is on disk (Linux allows fsync on a folder)
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (FileSystemException | UnsupportedOperationException e) {
            // not possible on this platform
        } catch (IOException e) {
            // the file itself is written; only durability of the rename is weaker
        }
    }
}
