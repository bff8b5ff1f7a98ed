package org.plugftpd.core.impl.fs;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.ftpserver.ftplet.FtpFile;

/**
 * A jail with a secret next to it and every kind of symlink that tries to reach it, built fresh
 * in a temp folder for each test.
 */
final class JailFixture {

    static final String SECRET = "top secret";
    static final String README = "hello world";

    final Path base;
    final Path jail;
    final Path outside;
    final Path outsideSecret;
    final Path evilSibling;

    JailFixture(Path base) throws IOException {
        this.base = base.toRealPath();
        jail = Files.createDirectory(this.base.resolve("jail"));
        outside = Files.createDirectory(this.base.resolve("outside"));
        outsideSecret = write(outside.resolve("secret.txt"), SECRET);
        Files.createDirectory(outside.resolve("sub"));
        // same prefix as the jail: a naive string prefix check would let it through
        evilSibling = Files.createDirectory(this.base.resolve("jail-evil"));
        write(evilSibling.resolve("evil.txt"), "evil");

        Files.createDirectories(jail.resolve("pub"));
        write(jail.resolve("pub/readme.txt"), README);
        Files.createDirectories(jail.resolve("www"));
        write(jail.resolve("www/index.html"), "<html/>");

        link("abs", outside);
        link("rel", Paths.get("../outside"));
        link("secret", outsideSecret);
        link("chain1", Paths.get("chain2"));
        link("chain2", Paths.get("chain3"));
        link("chain3", Paths.get("../outside"));
        link("dangling", outside.resolve("created-by-attack.txt"));
        link("danglingdir", outside.resolve("newdir"));
        link("up", Paths.get(".."));
        link("prefix", Paths.get("../jail-evil"));
        link("loop1", Paths.get("loop2"));
        link("loop2", Paths.get("loop1"));
        link("www/mid", Paths.get("../../outside"));
        // links that stay inside may be followed
        link("inlink", Paths.get("pub"));
        link("infile", Paths.get("pub/readme.txt"));
        link("www/back", Paths.get(".."));
    }

    JailFileSystemView view() throws IOException {
        return new JailFileSystemView(jail, "/", true);
    }

    private void link(String name, Path target) throws IOException {
        Files.createSymbolicLink(jail.resolve(name), target);
    }

    static Path write(Path file, String content) throws IOException {
        return Files.write(file, content.getBytes(UTF_8));
    }

    /** Everything under the outside folders with contents and times, to prove nothing changed. */
    List<String> outsideSnapshot() throws IOException {
        List<String> entries = new ArrayList<>();
        for (Path root : List.of(outside, evilSibling)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                    String line = p + " " + Files.getLastModifiedTime(p).toMillis();
                    if (Files.isRegularFile(p)) {
                        line += " " + new String(Files.readAllBytes(p), UTF_8);
                    }
                    entries.add(line);
                }
            }
        }
        return entries;
    }

    static String read(FtpFile file, long offset) throws IOException {
        try (InputStream in = file.createInputStream(offset)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    /** Writes as an upload does: at 0 the file is truncated, at an offset it is overwritten from there. */
    static void write(FtpFile file, long offset, String content) throws IOException {
        Set<StandardOpenOption> options = offset == 0
                ? Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)
                : Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE);
        try (FileChannel channel = ((JailFile) file).open(options)) {
            channel.position(offset);
            channel.write(ByteBuffer.wrap(content.getBytes(UTF_8)));
        }
    }
}
