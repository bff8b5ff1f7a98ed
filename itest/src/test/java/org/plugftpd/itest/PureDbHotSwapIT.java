package org.plugftpd.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * auth.puredb is stopped, updated, refreshed and started while its users are logged in: their
 * sessions carry on, a login in the gap gets a clean 530 at once, and logins work again after.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PureDbHotSwapIT extends PureDbTestSupport {

    @Test
    public void sessionsSurviveStopUpdateStartOfAuthPuredb() throws Exception {
        Path passwd = root().resolve("etc/swap.passwd");
        Path pdb = root().resolve("etc/swap.pdb");
        Path home = pwUseradd(passwd, pdb, "swapper", "pw-swapper");
        Files.writeString(home.resolve("before.txt"), "written before the swap\n");
        int port = startServer(Map.of());
        configurePureDb(pdb, Map.of());

        FTPClient busy = login(port, "swapper", "pw-swapper");
        FTPClient idle = login(port, "swapper", "pw-swapper");
        try {
            Bundle puredb = pureDbBundle();
            puredb.stop();
            assertGapLoginRefused(port);
            assertTrue(busy.sendNoOp());

            puredb.update();
            CountDownLatch refreshed = new CountDownLatch(1);
            context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(Collections.singleton(puredb),
                    e -> {
                        if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                            refreshed.countDown();
                        }
                    });
            assertTrue("refresh did not finish", refreshed.await(30, TimeUnit.SECONDS));
            // refresh restarts a bundle that was active; this one was stopped, so still nobody answers
            assertGapLoginRefused(port);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            assertTrue(busy.getReplyString(), busy.retrieveFile("before.txt", got));
            assertEquals("written before the swap\n", got.toString(StandardCharsets.UTF_8));
            assertTrue(busy.storeFile("during.txt", new java.io.ByteArrayInputStream("up during the gap\n".getBytes())));

            pureDbBundle().start();
            assertTrue("auth.puredb did not come back", eventually(() -> pureDbAuthenticator() != null));
            FTPClient after = login(port, "swapper", "pw-swapper");
            quietly(after);
            assertTrue(idle.sendNoOp());
            assertEquals("up during the gap\n", Files.readString(home.resolve("during.txt")));
        } finally {
            quietly(busy);
            quietly(idle);
        }
    }

    private static void assertGapLoginRefused(int port) throws Exception {
        FTPClient ftp = connect(port);
        try {
            assertFalse(ftp.login("swapper", "pw-swapper"));
            assertTrue(ftp.getReplyString(), ftp.getReplyString().startsWith("530"));
        } finally {
            quietly(ftp);
        }
    }
}
