package org.plugftpd.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
import org.osgi.framework.wiring.FrameworkWiring;
import org.plugftpd.itest.standin.StandinBundle;
import org.plugftpd.server.api.FtpServerStatus;
import org.plugftpd.session.api.SessionInfo;
import org.plugftpd.session.api.SessionRegistry;

/**
 * The hot-swap contract: a feature bundle (the stand-in authenticator and transfer log) is stopped,
 * updated to a new generation and refreshed while clients are connected and a download runs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT extends FtpTestSupport {
    private static final int BIG_SIZE = 6 * 1024 * 1024;
    /** The stand-in's current generation; both tests share one framework (PerClass), each swap adds one. */
    private int generation;

    private int port;
    private Bundle standin;

    @Before
    public void setUp() throws Exception {
        port = startServer(Map.of());
        standin = Stream.of(context.getBundles()).filter(b -> StandinBundle.SYMBOLIC_NAME.equals(b.getSymbolicName()))
                .findFirst().orElse(null);
        if (standin == null) {
            standin = installStandin(1);
        }
        generation = Integer.parseInt(standin.getHeaders().get("Standin-Generation"));
    }

    @Test
    public void downloadSurvivesAFeatureSwapAndEveryEventArrivesOnceFromTheNewGeneration() throws Exception {
        Path home = addAccount("swapdown", "pw1", "down=1048576");
        addAccount("swapidle", "pw2", "");
        byte[] big = new byte[BIG_SIZE];
        new Random(42).nextBytes(big);
        Files.write(home.resolve("swap-big.bin"), big);
        byte[] bigDigest = sha256(big);

        byte[] small1 = "first upload during the gap\n".getBytes(StandardCharsets.UTF_8);
        byte[] small2 = "second upload during the gap\n".getBytes(StandardCharsets.UTF_8);

        FTPClient idle = login(port, "swapidle", "pw2");
        FTPClient downloader = login(port, "swapdown", "pw1");
        try {
            CompletableFuture<Download> download = CompletableFuture.supplyAsync(() -> download(downloader, "swap-big.bin"));
            assertTrue("the download never showed up as running in the session registry",
                    eventually(() -> downloadRunning("swapdown")));

            int before = generation;
            standin.stop();
            // the gap: no authenticator, no transfer listener
            FTPClient newcomer = connect(port);
            try {
                assertFalse(newcomer.login("swapidle", "pw2"));
                assertEquals(newcomer.getReplyString(), 530, newcomer.getReplyCode());
            } finally {
                quietly(newcomer);
            }
            // a session logged in before the gap keeps working, and its transfers are events to keep
            assertTrue(idle.getReplyString(), idle.storeFile("gap-up-1.txt", new ByteArrayInputStream(small1)));
            assertTrue(idle.getReplyString(), idle.storeFile("gap-up-2.txt", new ByteArrayInputStream(small2)));
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            assertTrue(idle.getReplyString(), idle.retrieveFile("gap-up-1.txt", back));
            assertArrayEquals(small1, back.toByteArray());

            swapStandin();
            assertTrue("the swap must happen while the download runs, or it proves nothing",
                    downloadRunning("swapdown"));
            assertEquals(before + 1, generation);

            Download done = download.get(60, TimeUnit.SECONDS);
            assertEquals(BIG_SIZE, done.bytes);
            assertArrayEquals("downloaded bytes differ from the file", bigDigest, done.digest);
            assertTrue("completePendingCommand: " + done.reply, done.completed);

            assertTrue(idle.sendNoOp());
            assertEquals("/", idle.printWorkingDirectory());
            List<String> names = Arrays.asList(idle.listNames());
            assertTrue(names.toString(), names.containsAll(List.of("gap-up-1.txt", "gap-up-2.txt")));

            FTPClient after = login(port, "swapidle", "pw2");
            assertTrue(after.sendNoOp());
            quietly(after);
        } finally {
            quietly(downloader);
            quietly(idle);
            Files.deleteIfExists(home.resolve("swap-big.bin"));
        }

        // everything kept for the listener has been handed over, nothing thrown away
        boolean arrived = eventually(() -> eventLines(" swapdown swap-big.bin").size() >= 1
                && eventLines(" swapidle gap-up-1.txt").size() >= 2 && eventLines(" swapidle gap-up-2.txt").size() >= 1);
        assertTrue("events missing: " + eventLines(" swap"), arrived);
        FtpServerStatus status = service(FtpServerStatus.class);
        assertTrue("events still queued: " + status.eventsQueued(), eventually(() -> status.eventsQueued() == 0));
        assertEquals(0, status.eventsDropped());
        String g = Integer.toString(generation);
        assertEquals(List.of(g + " DOWNLOAD COMPLETED " + BIG_SIZE + " swapdown swap-big.bin"),
                eventLines(" swapdown swap-big.bin"));
        assertEquals(List.of(g + " UPLOAD COMPLETED " + small1.length + " swapidle gap-up-1.txt"),
                eventLines("UPLOAD COMPLETED " + small1.length + " swapidle gap-up-1.txt"));
        assertEquals(List.of(g + " UPLOAD COMPLETED " + small2.length + " swapidle gap-up-2.txt"),
                eventLines(" swapidle gap-up-2.txt"));
        assertEquals(List.of(g + " DOWNLOAD COMPLETED " + small1.length + " swapidle gap-up-1.txt"),
                eventLines("DOWNLOAD COMPLETED " + small1.length + " swapidle gap-up-1.txt"));
        assertEquals(eventLines(" swapidle gap-up-1.txt").toString(), 2, eventLines(" swapidle gap-up-1.txt").size());
    }

    @Test
    public void swappingTheFeatureWithoutTrafficKeepsTheStatusFiguresConsistent() throws Exception {
        Path home = addAccount("quietswap", "pw3", "");
        Files.write(home.resolve("after.txt"), "after the swap\n".getBytes(StandardCharsets.UTF_8));
        FtpServerStatus status = service(FtpServerStatus.class);
        assertTrue(eventually(() -> status.eventsQueued() == 0));
        long delivered = status.eventsDelivered();
        long dropped = status.eventsDropped();
        assertEquals(0, dropped);

        standin.stop();
        swapStandin();

        assertTrue("events queued after a quiet swap: " + status.eventsQueued(),
                eventually(() -> status.eventsQueued() == 0));
        assertEquals(0, status.eventsDropped());
        assertEquals(delivered, status.eventsDelivered());

        FTPClient ftp = login(port, "quietswap", "pw3");
        try {
            assertTrue(ftp.retrieveFile("after.txt", new ByteArrayOutputStream()));
        } finally {
            quietly(ftp);
        }
        String line = generation + " DOWNLOAD COMPLETED 15 quietswap after.txt";
        assertTrue(eventLines(" quietswap after.txt").toString(),
                eventually(() -> eventLines(" quietswap after.txt").equals(List.of(line))));
        assertTrue(eventually(() -> status.eventsDelivered() == delivered + 1));
        assertEquals(0, status.eventsQueued());
        assertEquals(0, status.eventsDropped());
    }

    /** Updates the (stopped) stand-in to the next generation, starts it and refreshes it. */
    private void swapStandin() throws Exception {
        generation++;
        standin.update(StandinBundle.build(generation));
        standin.start();
        CountDownLatch refreshed = new CountDownLatch(1);
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        wiring.refreshBundles(Collections.singletonList(standin), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("no PACKAGES_REFRESHED", refreshed.await(DEADLINE_MS, TimeUnit.MILLISECONDS));
        assertEquals(Bundle.ACTIVE, standin.getState());
        assertEquals("1.0." + generation, standin.getVersion().toString());
    }

    private boolean downloadRunning(String login) {
        SessionRegistry registry = service(SessionRegistry.class);
        return registry.sessions().stream().anyMatch(s -> s.login().equals(login)
                && s.state() == SessionInfo.State.DOWNLOAD && s.currentSize() > 0);
    }

    /** The transfer-log lines containing the marker. */
    private static List<String> eventLines(String marker) {
        Path events = root().resolve("events.txt");
        try {
            if (!Files.exists(events)) {
                return List.of();
            }
            return Files.readAllLines(events, StandardCharsets.UTF_8).stream().filter(l -> l.contains(marker))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Download download(FTPClient ftp, String name) {
        try (InputStream in = ftp.retrieveFileStream(name)) {
            if (in == null) {
                throw new AssertionError("RETR refused: " + ftp.getReplyString());
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            for (int n; (n = in.read(buf)) != -1;) {
                md.update(buf, 0, n);
                total += n;
            }
            in.close();
            boolean completed = ftp.completePendingCommand();
            return new Download(total, md.digest(), completed, ftp.getReplyString());
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static final class Download {
        final long bytes;
        final byte[] digest;
        final boolean completed;
        final String reply;

        Download(long bytes, byte[] digest, boolean completed, String reply) {
            this.bytes = bytes;
            this.digest = digest;
            this.completed = completed;
            this.reply = reply;
        }
    }
}
