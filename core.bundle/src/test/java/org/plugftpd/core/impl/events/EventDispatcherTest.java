package org.plugftpd.core.impl.events;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.junit.After;
import org.junit.Test;
import org.osgi.framework.ServiceReference;
import org.plugftpd.session.api.SessionEndedEvent;
import org.plugftpd.session.api.SessionInfo;
import org.plugftpd.session.api.SessionListener;
import org.plugftpd.transfer.api.TransferEvent;
import org.plugftpd.transfer.api.TransferEvent.Direction;
import org.plugftpd.transfer.api.TransferEvent.Status;
import org.plugftpd.transfer.api.TransferListener;

public class EventDispatcherTest {
    private static final long WAIT_S = 20;
    private static final AtomicLong SERVICE_IDS = new AtomicLong();

    private final EventDispatcher events = new EventDispatcher(TimeUnit.MINUTES.toNanos(15), TimeUnit.SECONDS.toNanos(5));

    @After
    public void tearDown() throws InterruptedException {
        events.deactivate();
    }

    @Test
    public void aSlowListenerDoesNotDelayAnotherOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong slowSeen = new AtomicLong();
        TransferListener slow = e -> {
            slowSeen.incrementAndGet();
            await(release);
        };
        CountDownLatch fastGotAll = new CountDownLatch(1000);
        TransferListener fast = e -> fastGotAll.countDown();
        events.addTransferListener(ref("slow"), slow);
        events.addTransferListener(ref("fast"), fast);
        for (int i = 0; i < 1000; i++) {
            events.publish(transfer(i));
        }
        assertTrue("the fast listener did not get its 1000 events", fastGotAll.await(WAIT_S, TimeUnit.SECONDS));
        assertEquals("the slow listener is still on its first event", 1, slowSeen.get());
        assertEquals(999 + 1, figures("slow").backlog());
        release.countDown();
        assertTrue(eventually(() -> figures("slow").delivered() == 1000));
        assertEquals(0, events.queued());
    }

    @Test
    public void aThrowingListenerLosesNothingOfTheOthers() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        events.addTransferListener(ref("broken"), e -> {
            throw new IllegalStateException("broken listener");
        });
        events.addTransferListener(ref("good"), e -> got.add(e.requestedPath()));
        for (int i = 0; i < 200; i++) {
            events.publish(transfer(i));
        }
        assertTrue(eventually(() -> got.size() == 200 && figures("broken").failures() == 200));
        for (int i = 0; i < 200; i++) {
            assertEquals("f" + i, got.get(i));
        }
        assertEquals(200, figures("good").delivered());
        assertEquals(0, figures("good").failures());
        assertEquals(0, figures("broken").delivered());
    }

    @Test
    public void eventsWaitForAListenerWithTheSameIdentityAcrossUnregisterAndRegister() throws Exception {
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        TransferListener one = e -> first.add(e.requestedPath());
        ServiceReference<TransferListener> oneRef = ref("plugftpd.altlog~x");
        events.addTransferListener(oneRef, one);
        for (int i = 0; i < 10; i++) {
            events.publish(transfer(i));
        }
        assertTrue(eventually(() -> first.size() == 10));
        events.removeTransferListener(oneRef, one);
        for (int i = 10; i < 30; i++) {
            events.publish(transfer(i));
        }
        assertEquals(20, figures("plugftpd.altlog~x").backlog());
        assertEquals(false, figures("plugftpd.altlog~x").present());
        TransferListener two = e -> second.add(e.requestedPath());
        events.addTransferListener(ref("plugftpd.altlog~x"), two);
        for (int i = 30; i < 40; i++) {
            events.publish(transfer(i));
        }
        assertTrue(eventually(() -> second.size() == 30));
        assertEquals(10, first.size());
        for (int i = 0; i < 30; i++) {
            assertEquals("in order, each once", "f" + (i + 10), second.get(i));
        }
        assertEquals(40, figures("plugftpd.altlog~x").delivered());
    }

    @Test
    public void aComponentRestartedByAReconfigurationGetsTheEventsOfTheGap() throws Exception {
        // a DS component without @Modified: unbound, then bound again as a new object, same pid
        List<String> got = new CopyOnWriteArrayList<>();
        TransferListener before = e -> got.add("before " + e.requestedPath());
        ServiceReference<TransferListener> r1 = ref("plugftpd.altlog~cfg");
        events.addTransferListener(r1, before);
        events.publish(transfer(0));
        assertTrue(eventually(() -> got.size() == 1));
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TransferListener after = e -> {
            inCall.countDown();
            await(release);
            got.add("after " + e.requestedPath());
        };
        events.removeTransferListener(r1, before);
        events.publish(transfer(1));
        events.publish(transfer(2));
        events.addTransferListener(ref("plugftpd.altlog~cfg"), after);
        assertTrue(inCall.await(WAIT_S, TimeUnit.SECONDS));
        assertEquals("the event being delivered is still backlog", 2, events.queued());
        release.countDown();
        assertTrue(eventually(() -> got.size() == 3));
        assertEquals(List.of("before f0", "after f1", "after f2"), got);
        assertEquals(0, events.queued());
    }

    @Test
    public void whatDoesNotFitALaneIsCountedAsDropped() throws Exception {
        events.capacity(50);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        AtomicLong seen = new AtomicLong();
        events.addTransferListener(ref("bounded"), e -> {
            first.countDown();
            await(release);
            seen.incrementAndGet();
        });
        events.publish(transfer(0));
        assertTrue(first.await(WAIT_S, TimeUnit.SECONDS));
        for (int i = 1; i < 100; i++) {
            events.publish(transfer(i));
        }
        assertEquals(50, figures("bounded").backlog());
        assertEquals(50, figures("bounded").dropped());
        assertEquals(50, events.dropped());
        release.countDown();
        assertTrue(eventually(() -> seen.get() == 50));
    }

    @Test
    public void anAbsentListenersBacklogIsBoundedToo() throws Exception {
        events.capacity(5);
        TransferListener l = e -> { };
        ServiceReference<TransferListener> r = ref("away");
        events.addTransferListener(r, l);
        events.removeTransferListener(r, l);
        for (int i = 0; i < 8; i++) {
            events.publish(transfer(i));
        }
        assertEquals(5, figures("away").backlog());
        assertEquals(3, figures("away").dropped());
    }

    @Test
    public void sessionListenersHaveLanesOfTheirOwn() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        List<SessionEndedEvent> got = new CopyOnWriteArrayList<>();
        SessionListener l = e -> {
            got.add(e);
            ended.countDown();
        };
        events.addSessionListener(ref("sessions"), l);
        events.addTransferListener(ref("blocked"), e -> await(new CountDownLatch(1)));
        events.publish(transfer(0));
        SessionInfo s = SessionInfo.builder().id(7).login("joe").remote(new InetSocketAddress("192.0.2.1", 4000))
                .local(new InetSocketAddress("198.51.100.1", 21)).sessionStart(Instant.EPOCH).build();
        events.publish(SessionEndedEvent.builder().session(s).end(Instant.EPOCH.plusSeconds(5))
                .reason(SessionEndedEvent.Reason.QUIT).build());
        assertTrue(ended.await(WAIT_S, TimeUnit.SECONDS));
        assertEquals(SessionEndedEvent.Reason.QUIT, got.get(0).reason());
        assertEquals(21, got.get(0).session().local().getPort());
        assertEquals(Duration.ofSeconds(5), got.get(0).duration());
    }

    @Test
    public void lanesStopOnDeactivateAfterABoundedDrain() throws Exception {
        EventDispatcher quick = new EventDispatcher(TimeUnit.MINUTES.toNanos(15), TimeUnit.MILLISECONDS.toNanos(200));
        CountDownLatch never = new CountDownLatch(1);
        quick.addTransferListener(ref("stuck"), e -> await(never));
        quick.publish(transfer(0));
        quick.publish(transfer(1));
        long t0 = System.nanoTime();
        quick.deactivate();
        assertTrue("deactivate must not wait for a stuck listener",
                System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(WAIT_S));
        assertTrue(eventually(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("plugftpd-events TransferListener stuck"))));
        quick.publish(transfer(2));
        assertTrue("undelivered and late events are counted: " + quick.dropped() + " " + quick.lanes(), quick.dropped() >= 2);
    }

    private LaneFigures figures(String identity) {
        return events.lanes().stream().filter(f -> f.identity().equals(identity)).findFirst()
                .orElseThrow(() -> new AssertionError("no lane " + identity + " in " + events.lanes()));
    }

    private static TransferEvent transfer(int i) {
        return TransferEvent.builder().direction(Direction.UPLOAD).status(Status.COMPLETED).start(Instant.EPOCH)
                .login("u").requestedPath("f" + i).build();
    }

    @SuppressWarnings("unchecked")
    private static <T> ServiceReference<T> ref(String pid) {
        Map<String, Object> props = Map.of("service.pid", pid, "service.id", SERVICE_IDS.incrementAndGet());
        return (ServiceReference<T>) Proxy.newProxyInstance(EventDispatcherTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getProperty": return props.get((String) args[0]);
                        case "getBundle": return null;
                        case "hashCode": return System.identityHashCode(proxy);
                        case "equals": return proxy == args[0];
                        case "toString": return "ref " + pid;
                        default: throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
