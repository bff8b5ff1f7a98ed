package org.plugftpd.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.plugftpd.quota.api.QuotaChange;
import org.plugftpd.quota.api.QuotaService;

/**
 * ABOR during a transfer (needs the control layer's seam: ABOR read while the transfer runs, which
 * calls LiveSession.abortTransfer): the transfer answers 426, ABOR answers 226 as Pure-FTPd does,
 * an aborted fresh upload leaves no file, and its quota ticket hears what was really written.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AbortIT extends FtpTestSupport {
    private int port;
    private Path home;
    private QuotaContractIT.RecordingQuota quota;
    private ServiceRegistration<QuotaService> registration;

    @Before
    public void setUp() throws Exception {
        port = startServer(Map.of());
        if (installStandinOnce()) {
            addAccount("abuser", "pw", "");
        }
        home = root().resolve("home/abuser");
        quota = new QuotaContractIT.RecordingQuota();
        registration = context.registerService(QuotaService.class, quota, null);
    }

    @After
    public void tearDown() {
        registration.unregister();
    }

    @Test
    public void aborMidUploadGets426Then226AndLeavesNoFile() throws Exception {
        try (RawSession session = RawSession.login(port, "abuser", "pw"); Socket data = session.openData()) {
            assertTrue(session.command("STOR aborted.bin").startsWith("150"));
            OutputStream out = data.getOutputStream();
            out.write(new byte[300_000]);
            out.flush();
            // the data connection stays open: only ABOR can end this upload
            send(session.out, "ABOR");
            String transfer = readReply(session.in);
            assertEquals("426 Transfer aborted\n", transfer);
            String abor = readReply(session.in);
            assertTrue(abor, abor.startsWith("226-Transfer aborted") || abor.equals("226 Transfer aborted\n"));
            assertTrue(session.command("NOOP").startsWith("200"));
        }
        assertTrue(eventually(() -> quota.ended.get() == 1));
        QuotaChange change = quota.changes.get(0);
        assertEquals(QuotaChange.Outcome.CLIENT_ABORT, change.outcome());
        assertEquals(0, change.filesDelta());
        assertEquals(0, change.bytesDelta());
        try (Stream<Path> files = Files.list(home)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString())
                    .filter(n -> n.equals("aborted.bin") || n.startsWith(".pureftpd-")).collect(
                            java.util.stream.Collectors.toList()));
        }
    }

    /**
     * ABOR sent the moment the 150 arrives, before the server has its data connection armed for
     * ABOR: the abort is kept and stops the upload as soon as it is armed, every time (a lost
     * ABOR leaves the upload waiting on a data connection the client never closes).
     */
    @Test
    public void aborRightAfterThe150AlwaysStopsTheUpload() throws Exception {
        try (RawSession session = RawSession.login(port, "abuser", "pw")) {
            for (int i = 0; i < 40; i++) {
                try (Socket data = session.openData()) {
                    assertTrue(session.command("STOR race.bin").startsWith("150"));
                    send(session.out, "ABOR");
                    assertEquals("round " + i, "426 Transfer aborted\n", readReply(session.in));
                    assertTrue(readReply(session.in).startsWith("226"));
                }
            }
            assertTrue(session.command("NOOP").startsWith("200"));
        }
        assertTrue(eventually(() -> quota.ended.get() == 40));
        assertTrue(Files.notExists(home.resolve("race.bin")));
    }

    @Test
    public void aborWithNothingRunningGetsPureFtpdsSuccessLine() throws Exception {
        try (RawSession session = RawSession.login(port, "abuser", "pw")) {
            assertEquals("226 Since you see this ABOR must've succeeded\n", session.command("ABOR"));
        }
    }
}
