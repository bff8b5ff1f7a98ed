package org.plugftpd.auth.puredb.gate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.After;
import org.junit.Test;
import org.plugftpd.auth.puredb.gate.VerificationGate.Permit;
import org.plugftpd.auth.puredb.gate.VerificationGate.Refusal;
import org.plugftpd.auth.puredb.gate.VerificationGate.RefusedException;

public class VerificationGateTest {
    private static final long MIB = 1 << 20;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @After
    public void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    @Test
    public void aStormNeverExceedsSlotsOrMemory() throws Exception {
        VerificationGate gate = new VerificationGate(2, 20 * MIB, 100, 30_000);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicLong memory = new AtomicLong();
        AtomicLong maxMemory = new AtomicLong();
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            long need = (i % 3 == 0 ? 12 : 8) * MIB;
            all.add(pool.submit(() -> {
                try (Permit p = gate.enter(need)) {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    maxMemory.accumulateAndGet(memory.addAndGet(need), Math::max);
                    Thread.yield();
                    memory.addAndGet(-need);
                    running.decrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : all) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertTrue("running " + maxRunning, maxRunning.get() <= 2);
        assertTrue("memory " + maxMemory, maxMemory.get() <= 20 * MIB);
        assertEquals(64, gate.admittedCount());
        assertEquals(0, gate.running());
        assertEquals(0, gate.memoryInUse());
    }

    @Test
    public void aHashCostlierThanTheBudgetIsRefusedAtOnce() {
        VerificationGate gate = new VerificationGate(2, 64 * MIB, 10, 1000);
        assertRefused(gate, 65 * MIB, Refusal.TOO_EXPENSIVE);
    }

    @Test
    public void aFullLineIsRefusedAtOnce() throws Exception {
        VerificationGate gate = new VerificationGate(1, 64 * MIB, 2, 60_000);
        Permit held = gate.enter(MIB);
        CountDownLatch queued = new CountDownLatch(2);
        List<Future<?>> waiters = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            waiters.add(pool.submit(() -> {
                queued.countDown();
                try (Permit p = gate.enter(MIB)) {
                    return null;
                }
            }));
        }
        assertTrue(queued.await(10, TimeUnit.SECONDS));
        awaitWaiting(gate, 2);
        assertRefused(gate, MIB, Refusal.QUEUE_FULL);
        held.close();
        for (Future<?> f : waiters) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertEquals(3, gate.admittedCount());
    }

    @Test
    public void aWaiterGivesUpAfterTheMaximumWait() throws Exception {
        VerificationGate gate = new VerificationGate(1, 64 * MIB, 5, 50);
        try (Permit held = gate.enter(MIB)) {
            assertRefused(gate, MIB, Refusal.TIMED_OUT);
            assertEquals(0, gate.waiting());
        }
    }

    @Test
    public void waitersGetInFirstComeFirstServedEvenWhenCheapOnesCouldSlipPast() throws Exception {
        VerificationGate gate = new VerificationGate(2, 10 * MIB, 10, 60_000);
        Permit first = gate.enter(6 * MIB);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Future<?> big = pool.submit(() -> {
            try (Permit p = gate.enter(8 * MIB)) {
                order.add("big");
            }
            return null;
        });
        awaitWaiting(gate, 1);
        // 4 MiB would fit beside the first one, but the big one came first
        Future<?> small = pool.submit(() -> {
            try (Permit p = gate.enter(4 * MIB)) {
                order.add("small");
            }
            return null;
        });
        awaitWaiting(gate, 2);
        first.close();
        big.get(10, TimeUnit.SECONDS);
        small.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("big", "small"), order);
    }

    @Test
    public void closingRefusesWaitersAndLaterCallers() throws Exception {
        VerificationGate gate = new VerificationGate(1, 64 * MIB, 5, 60_000);
        Permit held = gate.enter(MIB);
        ConcurrentHashMap<String, Refusal> seen = new ConcurrentHashMap<>();
        Future<?> waiter = pool.submit(() -> {
            try (Permit p = gate.enter(MIB)) {
                fail("let in after close");
            } catch (RefusedException e) {
                seen.put("waiter", e.refusal());
            }
            return null;
        });
        awaitWaiting(gate, 1);
        gate.close();
        waiter.get(10, TimeUnit.SECONDS);
        assertEquals(Refusal.CLOSED, seen.get("waiter"));
        assertRefused(gate, MIB, Refusal.CLOSED);
        held.close();
        held.close(); // twice is harmless
        assertEquals(0, gate.running());
    }

    private static void assertRefused(VerificationGate gate, long memory, Refusal expected) {
        try (Permit p = gate.enter(memory)) {
            fail("let in, expected " + expected);
        } catch (RefusedException e) {
            assertEquals(e.getMessage(), expected, e.refusal());
        }
    }

    private static void awaitWaiting(VerificationGate gate, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gate.waiting() < n) {
            if (System.nanoTime() > deadline) {
                fail("never " + n + " waiting, only " + gate.waiting());
            }
            Thread.sleep(5);
        }
    }
}
