package org.plugftpd.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.plugftpd.server.api.FtpServerStatus;

/**
 * {@code plugftpd.server} changed through ConfigurationAdmin while a client is logged in: the change
 * reaches new connections, a bad value changes nothing, and the logged-in session never notices.
 * Every test starts from its own port and banner, so none depends on another.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LiveConfigurationIT extends FtpTestSupport {
    private static final String BANNER = "Live configuration test";
    private int port;

    @Before
    public void setUp() throws Exception {
        port = configureServer(Map.of("port", Integer.toString(freePort()), "banner", BANNER));
    }

    @Test
    public void bannerChangeShowsInTheNextGreeting() throws Exception {
        FTPClient ftp = login(port, "ftp", "x");
        try {
            startServer(Map.of("port", Integer.toString(port), "banner", "Freshly renamed"));
            assertTrue(eventually(() -> greetingOrEmpty(port).startsWith("220---------- Freshly renamed ----------")));
            assertTrue(ftp.sendNoOp());
            assertEquals("/", ftp.printWorkingDirectory());
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void portThatIsNotANumberIsRejectedAndTheServerKeepsServing() throws Exception {
        assertInvalidUpdateChangesNothing(Map.of("port", "abc"));
    }

    @Test
    public void negativeMaxClientsIsRejectedAndTheOldSettingsStay() throws Exception {
        assertInvalidUpdateChangesNothing(Map.of("port", Integer.toString(port), "maxClients", "-1"));
    }

    @Test
    public void portChangeMovesNewConnectionsWhileTheLoggedInSessionCarriesOn() throws Exception {
        FTPClient ftp = login(port, "anonymous", "me@example.org");
        try {
            int next = freePort();
            startServer(Map.of("port", Integer.toString(next), "banner", BANNER));
            assertTrue("listener never moved to " + next, eventually(() -> {
                try {
                    return port() == next;
                } catch (InterruptedException e) {
                    return false;
                }
            }));
            String greeting = greeting(next);
            assertTrue(greeting, greeting.contains("Server port: " + next + "."));
            FTPClient fresh = login(next, "ftp", "x");
            quietly(fresh);
            // the old listener no longer takes connections
            assertTrue("port " + port + " still accepts connections", eventually(() -> refuses(port)));
            assertTrue(ftp.sendNoOp());
            assertEquals("/", ftp.printWorkingDirectory());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertTrue(ftp.getReplyString(), ftp.retrieveFile("hello.txt", out));
            assertArrayEquals(Files.readAllBytes(root().resolve("data/pub/hello.txt")), out.toByteArray());
        } finally {
            quietly(ftp);
        }
    }

    /**
     * Sends the update with a banner that must not appear and the given bad values, waits until the
     * component has been handed it, then checks the port, the banner and maxClients are the old ones
     * and the logged-in session still works.
     */
    private void assertInvalidUpdateChangesNothing(Map<String, Object> bad) throws Exception {
        FTPClient ftp = login(port, "ftp", "x");
        try {
            Map<String, Object> update = new HashMap<>(bad);
            update.put("banner", "Must not show");
            startServer(update);
            // SCR copies the configuration into the service properties once @Modified has returned
            assertTrue("the update never reached the server component", eventually(() -> {
                ServiceReference<FtpServerStatus> ref = context.getServiceReference(FtpServerStatus.class);
                return ref != null && "Must not show".equals(ref.getProperty("banner"));
            }));
            assertEquals(port, port());
            String greeting = greeting(port);
            assertTrue(greeting, greeting.startsWith("220---------- " + BANNER + " ----------"));
            assertTrue(greeting, greeting.contains(" of 50 allowed."));
            assertTrue(ftp.sendNoOp());
            assertEquals("/", ftp.printWorkingDirectory());
        } finally {
            quietly(ftp);
        }
    }

    private static String greetingOrEmpty(int port) {
        try {
            return greeting(port);
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean refuses(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(2000);
            return readReply(s.getInputStream()).isEmpty();
        } catch (IOException e) {
            return true;
        }
    }
}
