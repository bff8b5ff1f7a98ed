package org.plugftpd.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.plugftpd.quota.api.QuotaChange;
import org.plugftpd.quota.api.QuotaDecision;
import org.plugftpd.quota.api.QuotaOperation;
import org.plugftpd.quota.api.QuotaRequest;
import org.plugftpd.quota.api.QuotaService;
import org.plugftpd.quota.api.QuotaTicket;
import org.plugftpd.upload.veto.api.UploadVeto;
import org.plugftpd.upload.veto.api.VetoDecision;

/**
 * Core API 2 through a real client: a QuotaService (registered by this test's bundle) records
 * every operation the core asks about and every change it ends a ticket with; the recorded totals
 * must equal the change on disk to the byte, whatever ended the operation.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class QuotaContractIT extends FtpTestSupport {
    private int port;
    private Path home;
    private RecordingQuota quota;
    private ServiceRegistration<QuotaService> registration;

    @Before
    public void setUp() throws Exception {
        port = startServer(Map.of());
        if (installStandinOnce()) {
            addAccount("quser", "pw", "");
        }
        home = root().resolve("home/quser");
        clear(home);
        quota = new RecordingQuota();
        registration = context.registerService(QuotaService.class, quota, null);
    }

    @After
    public void tearDown() {
        registration.unregister();
    }

    @Test
    public void everyChangeOfUsageIsAskedAndEndedWithTheChangeOnDiskToTheByte() throws Exception {
        FTPClient ftp = login(port, "quser", "pw");
        try {
            assertTrue(ftp.storeFile("a.txt", bytes(1000)));
            assertTrue(ftp.storeFile("a.txt", bytes(2000)));
            assertTrue(ftp.appendFile("a.txt", bytes(500)));
            ftp.setRestartOffset(700);
            assertTrue(ftp.storeFile("a.txt", bytes(100)));
            assertTrue(ftp.storeUniqueFile(bytes(300)));
            assertTrue(ftp.makeDirectory("sub"));
            assertTrue(ftp.storeFile("b.txt", bytes(3000)));
            assertTrue(ftp.rename("b.txt", "c.txt"));
            assertTrue(ftp.rename("c.txt", "sub/c.txt"));
            assertTrue(ftp.storeFile("d.txt", bytes(40)));
            assertTrue(ftp.rename("d.txt", "sub/c.txt"));
            assertTrue(ftp.deleteFile("a.txt"));
            assertTrue(ftp.makeDirectory("empty"));
            assertTrue(ftp.removeDirectory("empty"));
            assertFalse(ftp.removeDirectory("sub"));
            assertEquals("550 Can't remove directory: Directory not empty", ftp.getReplyString().trim());
            assertFalse(ftp.deleteFile("missing.txt"));
            assertEquals("550 Could not delete missing.txt: No such file or directory", ftp.getReplyString().trim());
        } finally {
            quietly(ftp);
        }
        assertEquals(List.of(QuotaOperation.UPLOAD_NEW, QuotaOperation.UPLOAD_OVERWRITE, QuotaOperation.UPLOAD_APPEND,
                QuotaOperation.UPLOAD_RESUME, QuotaOperation.UPLOAD_UNIQUE, QuotaOperation.MAKE_DIRECTORY,
                QuotaOperation.UPLOAD_NEW, QuotaOperation.RENAME, QuotaOperation.MOVE, QuotaOperation.UPLOAD_NEW,
                QuotaOperation.RENAME_OVER, QuotaOperation.DELETE, QuotaOperation.MAKE_DIRECTORY,
                QuotaOperation.REMOVE_DIRECTORY), quota.operations());
        assertTotalsMatchTheDisk();
        assertEquals("every ticket ended once", quota.begun.get(), quota.ended.get());
    }

    @Test
    public void aTicketThatSaysStopEndsTheUploadWith552AndSavesNothing() throws Exception {
        quota.stopAbove = 10_000;
        try (RawSession session = RawSession.login(port, "quser", "pw")) {
            try (Socket data = session.openData()) {
                assertTrue(session.command("STOR huge.bin").startsWith("150"));
                OutputStream out = data.getOutputStream();
                try {
                    for (int i = 0; i < 64; i++) {
                        out.write(new byte[64 * 1024]);
                    }
                } catch (IOException stopped) {
                    // the server closed the data connection at the limit
                }
            }
            String reply = readReply(session.in);
            assertTrue(reply, reply.startsWith("552-Transfer aborted (quota)"));
            assertTrue(reply, reply.trim().endsWith("552 Quota exceeded: [huge.bin] won't be saved"));
            assertTrue(session.command("NOOP").startsWith("200"));
        }
        assertFalse(Files.exists(home.resolve("huge.bin")));
        awaitTicketsEnded();
        assertEquals(QuotaChange.Outcome.QUOTA_EXCEEDED, quota.changes.get(0).outcome());
        assertTotalsMatchTheDisk();
    }

    @Test
    public void aConnectionDroppedMidUploadEndsTheTicketWithWhatIsOnDisk() throws Exception {
        Files.write(home.resolve("keep.bin"), new byte[5000]);
        try (RawSession session = RawSession.login(port, "quser", "pw")) {
            try (Socket data = session.openData()) {
                assertTrue(session.command("APPE keep.bin").startsWith("150"));
                OutputStream out = data.getOutputStream();
                out.write(new byte[200_000]);
                out.flush();
                data.setSoLinger(true, 0);
            }
            session.control.setSoLinger(true, 0);
        }
        awaitTicketsEnded();
        QuotaChange change = quota.changes.get(0);
        assertEquals(QuotaChange.Outcome.CONNECTION_LOST, change.outcome());
        // APPE keeps what arrived; the ticket heard exactly that
        assertEquals(Files.size(home.resolve("keep.bin")) - 5000, change.bytesDelta());
        try (Stream<Path> files = Files.list(home)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".pureftpd-")));
        }
    }

    @Test
    public void aQuotaThatThrowsRefusesTheWriteWith451() throws Exception {
        quota.fail = true;
        FTPClient ftp = login(port, "quser", "pw");
        try {
            assertFalse(ftp.storeFile("x.txt", bytes(10)));
            assertEquals(451, ftp.getReplyCode());
            assertFalse(ftp.makeDirectory("d"));
            assertEquals(451, ftp.getReplyCode());
        } finally {
            quietly(ftp);
        }
        assertFalse(Files.exists(home.resolve("x.txt")));
        assertFalse(Files.exists(home.resolve("d")));
    }

    @Test
    public void anUploadVetoRefusalReachesTheClientWithItsText() throws Exception {
        List<String> asked = Collections.synchronizedList(new ArrayList<>());
        ServiceRegistration<UploadVeto> veto = context.registerService(UploadVeto.class, r -> {
            asked.add(r.path() + " " + r.declaredSize());
            return r.path().endsWith(".exe") ? VetoDecision.refuse("No executables here") : VetoDecision.allow();
        }, null);
        FTPClient ftp = login(port, "quser", "pw");
        try {
            assertTrue(ftp.allocate(4));
            assertFalse(ftp.storeFile("tool.exe", bytes(4)));
            assertEquals("550 No executables here", ftp.getReplyString().trim());
            assertTrue(ftp.storeFile("fine.txt", bytes(4)));
        } finally {
            quietly(ftp);
            veto.unregister();
        }
        assertEquals(List.of("/tool.exe 4", "/fine.txt -1"), asked);
        assertFalse(Files.exists(home.resolve("tool.exe")));
    }

    @Test
    public void aRequiredQuotaThatIsAbsentKeepsNewConnectionsOutWith421() throws Exception {
        registration.unregister();
        registration = null;
        int p = startServer(Map.of("requiredServices", "quota", "requiredServiceGrace", "0"));
        try {
            assertTrue(eventually(() -> {
                try {
                    return greeting(p).startsWith("421");
                } catch (IOException e) {
                    return false;
                }
            }));
            registration = context.registerService(QuotaService.class, quota, null);
            assertTrue(eventually(() -> {
                try {
                    return greeting(p).startsWith("220");
                } catch (IOException e) {
                    return false;
                }
            }));
        } finally {
            if (registration == null) {
                registration = context.registerService(QuotaService.class, quota, null);
            }
            startServer(Map.of());
        }
    }

    private void assertTotalsMatchTheDisk() throws IOException {
        long[] disk = tally(home);
        assertEquals("files (and directories) counted", disk[0], quota.files.get());
        assertEquals("bytes counted", disk[1], quota.bytes.get());
    }

    private void awaitTicketsEnded() throws InterruptedException {
        assertTrue("tickets not ended: " + quota.begun + " begun, " + quota.ended + " ended",
                eventually(() -> quota.begun.get() > 0 && quota.begun.get() == quota.ended.get()));
    }

    /** Files and directories below {@code dir} and their bytes, as pure-quotacheck counts them. */
    private static long[] tally(Path dir) throws IOException {
        long[] t = new long[2];
        try (Stream<Path> all = Files.walk(dir)) {
            all.filter(p -> !p.equals(dir)).forEach(p -> {
                t[0]++;
                if (Files.isRegularFile(p)) {
                    try {
                        t[1] += Files.size(p);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
        }
        return t;
    }

    private static void clear(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    private static ByteArrayInputStream bytes(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 'q');
        return new ByteArrayInputStream(b);
    }

    /** Counts what the core tells it; can stop uploads above a size or fail every call. */
    static final class RecordingQuota implements QuotaService {
        final List<QuotaOperation> operations = Collections.synchronizedList(new ArrayList<>());
        final List<QuotaChange> changes = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong files = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicInteger begun = new AtomicInteger();
        final AtomicInteger ended = new AtomicInteger();
        volatile long stopAbove = Long.MAX_VALUE;
        volatile boolean fail;

        List<QuotaOperation> operations() {
            synchronized (operations) {
                return new ArrayList<>(operations);
            }
        }

        @Override
        public QuotaDecision begin(QuotaRequest request) {
            if (fail) {
                throw new IllegalStateException("quota ledger unavailable");
            }
            operations.add(request.operation());
            begun.incrementAndGet();
            AtomicInteger once = new AtomicInteger();
            return QuotaDecision.grant(new QuotaTicket() {
                @Override
                public Verdict progress(long written) {
                    return written > stopAbove ? Verdict.STOP : Verdict.CONTINUE;
                }

                @Override
                public List<String> end(QuotaChange change) {
                    if (once.incrementAndGet() != 1) {
                        throw new AssertionError("ticket ended twice: " + request);
                    }
                    changes.add(change);
                    files.addAndGet(change.filesDelta());
                    bytes.addAndGet(change.bytesDelta());
                    ended.incrementAndGet();
                    return List.of();
                }
            });
        }
    }
}
