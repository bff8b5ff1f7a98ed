package org.plugftpd.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.FrameworkWiring;
import org.plugftpd.itest.standin.StandinBundle;
import org.plugftpd.server.api.FtpServerStatus;
import org.plugftpd.session.api.SessionEndedEvent;
import org.plugftpd.session.api.SessionListener;

/**
 * The core's per-listener lanes in the framework: a listener bundle updated in the middle of a
 * burst of uploads gets every event exactly once, and session listeners hear of every ended session.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EventLanesIT extends FtpTestSupport {
    private static final int SESSIONS = 4;
    private static final int PER_SESSION = 250;

    private int port;
    private Bundle standin;

    @Before
    public void setUp() throws Exception {
        port = startServer(Map.of());
        standin = Stream.of(context.getBundles()).filter(b -> StandinBundle.SYMBOLIC_NAME.equals(b.getSymbolicName()))
                .findFirst().orElse(null);
        if (standin == null) {
            standin = installStandin(1);
            addAccount("burst", "Burst-pw1", "");
            addAccount("ender", "Ender-pw1", "");
        }
    }

    @Test
    public void aListenersBundleUpdatedDuringABurstOf1000UploadsGetsEachEventExactlyOnce() throws Exception {
        List<FTPClient> clients = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            // logged in before the update: the authenticator goes away with the bundle
            clients.add(login(port, "burst", "Burst-pw1"));
        }
        List<CompletableFuture<Void>> burst = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            FTPClient ftp = clients.get(s);
            int session = s;
            burst.add(CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < PER_SESSION; i++) {
                        String name = "burst-" + session + "-" + i + ".txt";
                        assertTrue(ftp.getReplyString(), ftp.storeFile(name, new ByteArrayInputStream(new byte[64])));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        try {
            assertTrue("the burst never reached the listener", eventually(() -> eventLines(" burst-").size() >= 100));
            int next = Integer.parseInt(standin.getHeaders().get("Standin-Generation")) + 1;
            standin.stop();
            standin.update(StandinBundle.build(next));
            standin.start();
            refresh(standin);
            int during = eventLines(" burst-").size();
            assertTrue("the update must happen during the burst (" + during + " events already written)",
                    during < SESSIONS * PER_SESSION);
            CompletableFuture.allOf(burst.toArray(new CompletableFuture[0])).get(300, TimeUnit.SECONDS);
        } finally {
            clients.forEach(FtpTestSupport::quietly);
        }
        // the client reads 226 before the event is queued: wait for every line, then for empty lanes
        Function<List<String>, List<String>> missing = lines -> {
            List<String> gone = new ArrayList<>();
            for (int s = 0; s < SESSIONS; s++) {
                for (int i = 0; i < PER_SESSION; i++) {
                    String marker = " burst-" + s + "-" + i + ".txt";
                    if (lines.stream().noneMatch(l -> l.endsWith(marker))) {
                        gone.add(marker);
                    }
                }
            }
            return gone;
        };
        assertTrue("events never delivered: " + missing.apply(eventLines(" burst-")),
                eventually(() -> missing.apply(eventLines(" burst-")).isEmpty()));
        FtpServerStatus status = service(FtpServerStatus.class);
        assertTrue("events still queued: " + status.eventsQueued(), eventually(() -> status.eventsQueued() == 0));
        List<String> lines = eventLines(" burst-");
        assertEquals("every upload exactly once", SESSIONS * PER_SESSION, lines.size());
        assertEquals(SESSIONS * PER_SESSION, lines.stream().map(l -> l.substring(l.lastIndexOf(' '))).distinct().count());
        String newGeneration = standin.getHeaders().get("Standin-Generation") + " ";
        assertTrue("the new generation received the rest", lines.get(lines.size() - 1).startsWith(newGeneration));
        assertEquals(0, status.eventsDropped());
    }

    @Test
    public void aSessionEndedNotificationArrivesForAQuitAndForADroppedConnection() throws Exception {
        BlockingQueue<SessionEndedEvent> ended = new LinkedBlockingQueue<>();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_PID, "plugftpd.itest.sessions");
        SessionListener listener = e -> {
            if ("ender".equals(e.session().login())) {
                ended.add(e);
            }
        };
        ServiceRegistration<SessionListener> reg = context.registerService(SessionListener.class, listener, props);
        try {
            // the dispatcher binds the new listener a moment after registration: a probe session first
            assertTrue("the session listener was never bound", eventually(() -> {
                try {
                    FTPClient probe = login(port, "ender", "Ender-pw1");
                    probe.logout();
                    quietly(probe);
                    return ended.poll(2, TimeUnit.SECONDS) != null;
                } catch (IOException | InterruptedException e) {
                    return false;
                }
            }));
            ended.clear();

            FTPClient quitting = login(port, "ender", "Ender-pw1");
            assertTrue(quitting.storeFile("ender.txt", new ByteArrayInputStream(new byte[100])));
            assertTrue(quitting.logout());
            quietly(quitting);
            SessionEndedEvent quit = ended.poll(DEADLINE_MS, TimeUnit.MILLISECONDS);
            assertNotNull("no notification for a QUIT", quit);
            assertEquals(SessionEndedEvent.Reason.QUIT, quit.reason());
            assertEquals(port, quit.session().local().getPort());
            assertEquals(100, quit.uploadedBytes());
            assertTrue(quit.session().controlTls().isEmpty());

            try (RawSession dropped = RawSession.login(port, "ender", "Ender-pw1")) {
                dropped.control.setSoLinger(true, 0);
            }
            SessionEndedEvent gone = ended.poll(DEADLINE_MS, TimeUnit.MILLISECONDS);
            assertNotNull("no notification for a dropped connection", gone);
            assertEquals(SessionEndedEvent.Reason.CLOSED, gone.reason());
            assertEquals(port, gone.session().local().getPort());
        } finally {
            reg.unregister();
        }
    }

    private void refresh(Bundle bundle) throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(Collections.singletonList(bundle), e -> {
            if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("no PACKAGES_REFRESHED", refreshed.await(DEADLINE_MS, TimeUnit.MILLISECONDS));
    }

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
}
