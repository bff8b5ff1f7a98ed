package org.plugftpd.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;
import org.plugftpd.server.api.FtpServerStatus;
import org.plugftpd.transfer.api.TransferListener;

/**
 * altlog.bundle in the framework: the four formats at once against Pure-FTPd's own logs of the
 * same scripted session (vectors/altlog), many sessions at once, logrotate, and a bundle update
 * during a stream of transfers. The tests share one framework and the four log files.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AltLogIT extends FtpTestSupport {
    private static final String ALTLOG_BSN = "org.plugftpd.altlog";
    private static final List<String> FORMATS = List.of("clf", "xferlog", "w3c", "stats");
    private static final String USER = "allog";
    private static final String PASSWORD = "Alp-log!9";
    /** The per-format shape of a record, with the fields that may differ in groups named t (time), d (duration), s (size). */
    private static final Map<String, Pattern> RECORD = Map.of(
            "clf", Pattern.compile("(\\S+ - \\S+) \\[(?<t>\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d [+-]\\d{4})\\]"
                    + " (\"(?:GET|PUT) [^ \"]+\") 200 (?<s>\\d+)"),
            "xferlog", Pattern.compile("(?<t>[A-Z][a-z]{2} [A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d:\\d\\d \\d{4}) (?<d>\\d+)"
                    + " (\\S+) (?<s>\\d+) (\\S+ [ab] _ [io] r \\S+ ftp 1 \\* c)"),
            "w3c", Pattern.compile("(?<t>\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) (\\S+ \\[\\](?:created|sent) \\S+ 226 \\S*)"
                    + " (?<s>\\d+)"),
            "stats", Pattern.compile("(?<t>\\d+ [0-9a-f]+\\.[0-9a-f]+) (\\S+ \\S+ [UD]) (?<s>\\d+) (?<d>\\d+) (.+)"));

    private static Path vectors() {
        String dir = System.getProperty("plugftpd.vectors");
        return Paths.get(dir == null ? "../vectors" : dir).resolve("altlog");
    }

    private int port;

    @Before
    public void setUp() throws Exception {
        port = startServer(Map.of());
        if (installStandinOnce()) {
            addAccount(USER, PASSWORD, "");
        }
        for (String format : FORMATS) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("format", format);
            props.put("file", "log/" + format + ".log");
            configAdmin.getFactoryConfiguration("plugftpd.altlog", "it-" + format, "?").update(props);
        }
        assertTrue("the four transfer logs never registered: " + altlogListeners(),
                eventually(() -> altlogListeners().size() == FORMATS.size()));
    }

    @Test
    public void theVectorsSessionGivesPureFtpdsLinesInAllFourFormats() throws Exception {
        Path home = root().resolve("home").resolve(USER);
        Path pub = root().resolve("data/pub");
        try (RandomAccessFile big = new RandomAccessFile(home.resolve("big.bin").toFile(), "rw")) {
            big.setLength(67_109_864L);
        }
        Files.write(pub.resolve("pub-dev.txt"), filler(511));
        Map<String, Integer> before = new HashMap<>();
        for (String f : FORMATS) {
            before.put(f, logLines(f).size());
        }

        String[] names = {"report.txt", "my report 2024.txt", "100% done \u00e9.txt"};
        int[] sizes = {1000, 2003, 1007};
        for (int i = 0; i < names.length; i++) {
            FTPClient ftp = loginUtf8(USER, PASSWORD);
            try {
                assertTrue(ftp.getReplyString(), ftp.storeFile(names[i], new ByteArrayInputStream(filler(sizes[i]))));
            } finally {
                quietly(ftp);
            }
        }
        for (String name : names) {
            FTPClient ftp = loginUtf8(USER, PASSWORD);
            try {
                assertTrue(ftp.getReplyString(), ftp.retrieveFile(name, new ByteArrayOutputStream()));
            } finally {
                quietly(ftp);
            }
        }
        FTPClient ftp = loginUtf8(USER, PASSWORD);
        try {
            assertFalse(ftp.retrieveFile("missing-dev.txt", new ByteArrayOutputStream()));
            assertFalse(ftp.storeFile("nodir-dev/x.txt", new ByteArrayInputStream(filler(10))));
        } finally {
            quietly(ftp);
        }
        abortedDownload("big.bin", 1 << 20);
        abortedUpload("partial-dev.bin", 3 << 20);
        FTPClient anon = loginUtf8("anonymous", "guest@example.com");
        try {
            assertTrue(anon.getReplyString(), anon.retrieveFile("pub-dev.txt", new ByteArrayOutputStream()));
            assertFalse(anon.storeFile("anon-dev.txt", new ByteArrayInputStream(filler(10))));
        } finally {
            quietly(anon);
        }
        awaitEventsDelivered();

        Map<String, String> places = Map.of("/tmp/pfvec-A/altlog/home/allog/", home.toRealPath() + "/",
                "/tmp/pfvec-A/altlog/anon/", pub.toRealPath() + "/");
        for (String format : FORMATS) {
            List<String> expected = Files.readAllLines(vectors().resolve(format + ".log"), StandardCharsets.UTF_8);
            List<String> produced = logLines(format);
            if (before.get(format) == 0 && format.equals("w3c")) {
                // the header of the file this run created, then the records
                assertHeader(produced);
            }
            List<String> expectedRecords = records(expected);
            List<String> producedRecords = records(produced.subList(before.get(format), produced.size()));
            assertEquals(format + " lines: " + producedRecords, expectedRecords.size(), producedRecords.size());
            for (int i = 0; i < expectedRecords.size(); i++) {
                String want = expectedRecords.get(i);
                for (Map.Entry<String, String> p : places.entrySet()) {
                    want = want.replace(p.getKey(), p.getValue());
                }
                boolean aborted = want.contains("big.bin") || want.contains("partial-dev.bin");
                assertEquals(format + " line " + (i + 1) + ": " + producedRecords.get(i),
                        masked(format, want, aborted), masked(format, producedRecords.get(i), aborted));
                if (aborted) {
                    long size = Long.parseLong(field(format, producedRecords.get(i), "s"));
                    assertTrue(format + " aborted transfer logged " + size + " bytes", size > 0 && size < 67_109_864L);
                }
            }
        }
    }

    @Test
    public void concurrentSessionsNeverTearOrLoseALine() throws Exception {
        int sessions = 6;
        int perSession = 20;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            int id = s;
            all.add(CompletableFuture.runAsync(() -> {
                try {
                    go.await();
                    FTPClient ftp = loginUtf8(USER, PASSWORD);
                    try {
                        for (int i = 0; i < perSession; i++) {
                            String name = "conc-" + id + "-" + i + " x.txt";
                            assertTrue(ftp.getReplyString(), ftp.storeFile(name, new ByteArrayInputStream(filler(100 + i))));
                        }
                    } finally {
                        quietly(ftp);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        go.countDown();
        CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(120, TimeUnit.SECONDS);
        // 226 reaches the client before the event is queued: wait for the lines, then for the queue
        awaitEveryLine(sessions * perSession, (format, i) -> concMarker(format, i / perSession, i % perSession));
        awaitEventsDelivered();
        for (String format : FORMATS) {
            List<String> lines = allLogLines(format);
            for (String l : lines) {
                assertTrue(format + ": torn or foreign line [" + l + "]", l.startsWith("#") || RECORD.get(format).matcher(l).matches());
            }
            for (int s = 0; s < sessions; s++) {
                for (int i = 0; i < perSession; i++) {
                    String marker = concMarker(format, s, i);
                    assertEquals(format + " lines for " + marker, 1, count(lines, marker));
                }
            }
        }
    }

    @Test
    public void aLogRenamedByLogrotateIsFollowedAndNoLineIsLost() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Integer> stream = CompletableFuture.supplyAsync(() -> uploadsUntil("rot-", stop));
        assertTrue("no rot- line before the rename", eventually(() -> count(logLines("xferlog"), "/rot-") >= 5));
        Path log = root().resolve("log");
        for (String format : FORMATS) {
            Files.move(log.resolve(format + ".log"), log.resolve(format + ".log.1"));
        }
        stop.set(true);
        int transfers = stream.get(120, TimeUnit.SECONDS);
        awaitEventsDelivered();
        String list = gogo("ftp:log reopen");
        assertEquals(list, FORMATS.size(), list.lines().filter(l -> l.startsWith("reopened plugftpd.altlog~it-")).count());
        for (String format : FORMATS) {
            List<String> moved = Files.readAllLines(log.resolve(format + ".log.1"), StandardCharsets.UTF_8);
            List<String> fresh = logLines(format);
            assertTrue(format + ": nothing landed in the new file", count(fresh, "/rot-") > 0);
            if (format.equals("w3c")) {
                assertHeader(fresh);
            }
            List<String> both = new ArrayList<>(moved);
            both.addAll(fresh);
            for (int i = 0; i < transfers; i++) {
                assertEquals(format + " lines for rot-" + i, 1, count(both, "/rot-" + i + ".txt"));
            }
        }
    }

    @Test
    public void updatingTheBundleDuringTransfersLosesAndDoublesNoLine() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Integer> stream = CompletableFuture.supplyAsync(() -> uploadsUntil("swap-", stop));
        assertTrue("no swap- line before the update", eventually(() -> count(allLogLines("xferlog"), "/swap-") >= 5));
        Bundle altlog = installedBundle(ALTLOG_BSN);
        altlog.stop();
        assertTrue("uploads must go on while the bundle is away",
                eventually(() -> altlogListeners().isEmpty()));
        altlog.update();
        altlog.start();
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(Collections.singletonList(altlog), e -> {
            if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("no PACKAGES_REFRESHED", refreshed.await(DEADLINE_MS, TimeUnit.MILLISECONDS));
        assertTrue(eventually(() -> altlogListeners().size() == FORMATS.size()));
        stop.set(true);
        int transfers = stream.get(120, TimeUnit.SECONDS);
        // the client reads 226 before the core has queued the transfer's event: wait for the lines
        // themselves, then for the queue to be empty, so a doubled line would have landed too
        awaitEveryLine(transfers, (format, i) -> "/swap-" + i + ".txt");
        awaitEventsDelivered();
        for (String format : FORMATS) {
            List<String> lines = allLogLines(format);
            for (int i = 0; i < transfers; i++) {
                assertEquals(format + " lines for swap-" + i, 1, count(lines, "/swap-" + i + ".txt"));
            }
        }
        FtpServerStatus status = service(FtpServerStatus.class);
        assertEquals(0, status.eventsDropped());
    }

    /** Uploads prefix0.txt, prefix1.txt ... in one session until {@code stop} is set, then 5 more; returns how many. */
    private int uploadsUntil(String prefix, AtomicBoolean stop) {
        try {
            FTPClient ftp = loginUtf8(USER, PASSWORD);
            try {
                int i = 0;
                for (int after = 0; after < 5; i++) {
                    assertTrue(ftp.getReplyString(),
                            ftp.storeFile(prefix + i + ".txt", new ByteArrayInputStream(filler(16 * 1024))));
                    if (stop.get()) {
                        after++;
                    }
                }
                return i;
            } finally {
                quietly(ftp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RETR that the client cuts with a reset after {@code bytes} bytes. */
    private void abortedDownload(String name, int bytes) throws Exception {
        try (RawSession s = RawSession.login(port, USER, PASSWORD); Socket data = s.openData()) {
            String reply = s.command("RETR " + name);
            assertTrue(reply, reply.startsWith("150"));
            InputStream in = data.getInputStream();
            byte[] buf = new byte[16 * 1024];
            for (int got = 0; got < bytes;) {
                int n = in.read(buf);
                assertTrue("download ended early", n > 0);
                got += n;
            }
            data.setSoLinger(true, 0);
            data.close();
            readReply(s.in);
        }
    }

    /** STOR that the client cuts with a reset after sending {@code bytes} bytes. */
    private void abortedUpload(String name, int bytes) throws Exception {
        try (RawSession s = RawSession.login(port, USER, PASSWORD); Socket data = s.openData()) {
            String reply = s.command("STOR " + name);
            assertTrue(reply, reply.startsWith("150"));
            OutputStream out = data.getOutputStream();
            out.write(filler(bytes));
            out.flush();
            data.setSoLinger(true, 0);
            data.close();
            readReply(s.in);
        }
    }

    private FTPClient loginUtf8(String user, String password) throws IOException {
        return login(port, user, password, "UTF-8");
    }

    /** Waits until every log (current and rotated files) holds a line for each of the {@code n} markers. */
    private static void awaitEveryLine(int n, java.util.function.BiFunction<String, Integer, String> marker)
            throws InterruptedException {
        for (String format : FORMATS) {
            boolean all = eventually(() -> {
                List<String> lines = allLogLines(format);
                return java.util.stream.IntStream.range(0, n).allMatch(i -> count(lines, marker.apply(format, i)) > 0);
            });
            List<String> lines = allLogLines(format);
            assertTrue(format + ": lines never written for " + java.util.stream.IntStream.range(0, n)
                    .mapToObj(i -> marker.apply(format, i)).filter(m -> count(lines, m) == 0)
                    .collect(Collectors.toList()), all);
        }
    }

    /** How each format writes the name conc-s-i x.txt (the space encoded or replaced). */
    private static String concMarker(String format, int session, int i) {
        return "conc-" + session + "-" + i
                + (format.equals("xferlog") ? "_x.txt" : format.equals("stats") ? " x.txt" : "%20x.txt");
    }

    private void awaitEventsDelivered() throws InterruptedException {
        FtpServerStatus status = service(FtpServerStatus.class);
        assertTrue("events still queued: " + status.eventsQueued(), eventually(() -> status.eventsQueued() == 0));
    }

    private List<ServiceReference<TransferListener>> altlogListeners() {
        return references(TransferListener.class, ALTLOG_BSN);
    }

    private static void assertHeader(List<String> lines) {
        assertTrue(lines.toString(), lines.size() >= 4);
        assertEquals("#Software: Pure-FTPd 1.0.50", lines.get(0));
        assertEquals("#Version: 1.0", lines.get(1));
        assertTrue(lines.get(2), lines.get(2).matches("#Date: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        assertEquals("#Fields: date time c-ip cs-method cs-uri-stem sc-status cs-username sc-bytes", lines.get(3));
    }

    private static List<String> records(List<String> lines) {
        return lines.stream().filter(l -> !l.startsWith("#")).collect(Collectors.toList());
    }

    /** The line with its time (and duration, and for an aborted transfer its size) replaced by placeholders. */
    private static String masked(String format, String line, boolean maskSize) {
        Matcher m = RECORD.get(format).matcher(line);
        assertTrue(format + ": not a record: [" + line + "]", m.matches());
        StringBuilder out = new StringBuilder(line);
        List<String> groups = new ArrayList<>(List.of("t"));
        if (format.equals("xferlog") || format.equals("stats")) {
            groups.add("d");
        }
        if (maskSize) {
            groups.add("s");
        }
        // right to left, so earlier offsets stay valid
        groups.sort((a, b) -> Integer.compare(m.start(b), m.start(a)));
        for (String g : groups) {
            out.replace(m.start(g), m.end(g), "<" + g + ">");
        }
        return out.toString();
    }

    private static String field(String format, String line, String group) {
        Matcher m = RECORD.get(format).matcher(line);
        assertTrue(line, m.matches());
        return m.group(group);
    }

    private static long count(List<String> lines, String marker) {
        return lines.stream().filter(l -> l.contains(marker)).count();
    }

    private static List<String> logLines(String format) {
        Path file = root().resolve("log").resolve(format + ".log");
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The current file and every rotated one. */
    private static List<String> allLogLines(String format) {
        List<String> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(root().resolve("log"))) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith(format + ".log")).sorted()
                    .collect(Collectors.toList())) {
                all.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    private static byte[] filler(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'a');
        return b;
    }
}
