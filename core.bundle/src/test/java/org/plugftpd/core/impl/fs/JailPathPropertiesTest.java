package org.plugftpd.core.impl.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import java.util.Random;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Random names made of {@code ..}, {@code .}, empty segments and every kind of link of
 * {@link JailFixture}: whatever the name, nothing resolves, reads or writes outside the jail.
 * Seeded: a failure names its seed, {@code -Djail.seed=N} replays it.
 */
public class JailPathPropertiesTest {
    private static final long SEED = Long.getLong("jail.seed", System.nanoTime());
    private static final String[] SEGMENTS = {"..", ".", "", "pub", "www", "abs", "rel", "up", "inlink", "infile",
        "chain1", "chain3", "mid", "back", "prefix", "secret", "dangling", "danglingdir", "loop1", "outside",
        "secret.txt", "jail", "new"};

    private static Path base;
    private static JailFixture fixture;
    private static JailFileSystemView view;
    private static List<String> outsideBefore;

    @BeforeClass
    public static void createJail() throws IOException {
        base = Files.createTempDirectory("jail-props");
        fixture = new JailFixture(base);
        view = fixture.view();
        outsideBefore = fixture.outsideSnapshot();
    }

    @AfterClass
    public static void removeJail() throws IOException {
        try (Stream<Path> walk = Files.walk(base)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    public void neverResolvesOutside() throws IOException {
        Random random = new Random(SEED);
        for (int i = 0; i < 2000; i++) {
            String name = name(random);
            try {
                check(name);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + " (seed " + SEED + ")", e);
            }
        }
    }

    private static void check(String name) throws IOException {
        JailFile file = view.getFile(name);
        if (!file.getAbsolutePath().startsWith("/")) {
            throw new AssertionError(name + " gave " + file.getAbsolutePath());
        }
        Object physical = file.getPhysicalFile();
        if (physical != null && !((Path) physical).startsWith(fixture.jail)) {
            throw new AssertionError(name + " resolved to " + physical);
        }
        if (file.isFile()) {
            try (FileChannel c = file.open(Set.of(StandardOpenOption.READ))) {
                ByteBuffer b = ByteBuffer.allocate(64);
                c.read(b);
                if (new String(b.array(), 0, b.position(), java.nio.charset.StandardCharsets.UTF_8)
                        .contains(JailFixture.SECRET)) {
                    throw new AssertionError(name + " read the secret");
                }
            }
        }
        try (FileChannel c = file.open(Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE))) {
            c.position(c.size());
            c.write(ByteBuffer.wrap(new byte[] {'+'}));
        } catch (IOException refused) {
            // most of these names are refused
        }
        file.mkdir();
        if (!fixture.outsideSnapshot().equals(outsideBefore)) {
            throw new AssertionError(name + " changed something outside");
        }
    }

    private static String name(Random random) {
        StringBuilder b = new StringBuilder(random.nextBoolean() ? "/" : "");
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : "/").append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
        }
        return b.toString();
    }
}
