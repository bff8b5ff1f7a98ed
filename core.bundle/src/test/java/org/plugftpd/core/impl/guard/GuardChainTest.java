package org.plugftpd.core.impl.guard;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;
import org.plugftpd.guard.api.Admission;
import org.plugftpd.guard.api.ConnectionGuard;
import org.plugftpd.guard.api.LoginFailure;

public class GuardChainTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("203.0.113.7", 40000);
    private static final long DEADLINE_S = 20;

    private final GuardChain chain = new GuardChain();

    @After
    public void tearDown() {
        chain.deactivate();
    }

    @Test
    public void withoutGuardsEverybodyIsAdmitted() {
        assertEquals(Optional.empty(), chain.admit(CLIENT));
        chain.loginFailed(CLIENT, "joe", false);
    }

    @Test
    public void theFirstRefusalIsTheReplyAndEveryGuardCountsTheConnection() {
        Recorder open = new Recorder(Admission.allow());
        Recorder first = new Recorder(Admission.refuse("banned by the first"));
        Recorder second = new Recorder(Admission.refuse("banned by the second"));
        chain.add("open", open);
        chain.add("first", first);
        chain.add("second", second);

        assertEquals(Optional.of("banned by the first"), chain.admit(CLIENT));
        assertEquals(List.of("admit 203.0.113.7"), open.seen);
        assertEquals(List.of("admit 203.0.113.7"), first.seen);
        assertEquals(List.of("admit 203.0.113.7"), second.seen);
    }

    @Test
    public void aGuardThatThrowsOrAnswersNullAdmitsAndTheOthersStillDecide() {
        chain.add("broken", new ConnectionGuard() {
            @Override
            public Admission admit(InetSocketAddress client) {
                throw new IllegalStateException("bundle being updated");
            }
        });
        chain.add("silent", client -> null);
        assertEquals(Optional.empty(), chain.admit(CLIENT));
        chain.add("strict", client -> Admission.refuse("no"));
        assertEquals(Optional.of("no"), chain.admit(CLIENT));
    }

    @Test
    public void everyGuardIsToldEveryOutcomeInOrder() throws Exception {
        Recorder a = new Recorder(Admission.allow());
        Recorder b = new Recorder(Admission.allow());
        chain.add("a", a);
        chain.add("b", b);
        a.expect(3);
        b.expect(3);

        chain.loginFailed(CLIENT, "joe", true);
        chain.loginFailed(CLIENT, "nobody", false);
        chain.protocolError(CLIENT, "line too long");

        List<String> expected = List.of("failed joe KNOWN_ACCOUNT", "failed nobody UNKNOWN_ACCOUNT",
                "protocol line too long");
        assertTrue(a.done.await(DEADLINE_S, TimeUnit.SECONDS));
        assertTrue(b.done.await(DEADLINE_S, TimeUnit.SECONDS));
        assertEquals(expected, a.seen);
        assertEquals(expected, b.seen);
    }

    @Test
    public void aGuardStuckOnNewsHoldsUpNeitherTheSessionNorTheOtherGuards() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        chain.add("stuck", new ConnectionGuard() {
            @Override
            public Admission admit(InetSocketAddress client) {
                return Admission.allow();
            }

            @Override
            public void loginFailed(InetSocketAddress client, String login, LoginFailure failure) {
                entered.countDown();
                await(release);
            }
        });
        Recorder other = new Recorder(Admission.allow());
        chain.add("other", other);
        other.expect(1);
        try {
            chain.loginFailed(CLIENT, "joe", true); // returns although "stuck" never finishes
            assertTrue(other.done.await(DEADLINE_S, TimeUnit.SECONDS));
            assertTrue(entered.await(DEADLINE_S, TimeUnit.SECONDS));
            assertEquals(Optional.empty(), chain.admit(CLIENT));
        } finally {
            release.countDown();
        }
    }

    @Test
    public void newsAGuardCannotTakeIsDroppedAndCounted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        chain.add("slow", new ConnectionGuard() {
            @Override
            public Admission admit(InetSocketAddress client) {
                return Admission.allow();
            }

            @Override
            public void protocolError(InetSocketAddress client, String what) {
                entered.countDown();
                await(release);
            }
        });
        try {
            chain.protocolError(CLIENT, "first");
            assertTrue(entered.await(DEADLINE_S, TimeUnit.SECONDS));
            for (int i = 0; i < GuardLane.CAPACITY + 3; i++) {
                chain.protocolError(CLIENT, "more");
            }
            assertEquals(List.of("ConnectionGuard slow, 3 events dropped"), chain.describeChain());
        } finally {
            release.countDown();
        }
    }

    @Test
    public void aGuardThatFailsOnNewsKeepsGettingIt() throws Exception {
        CountDownLatch calls = new CountDownLatch(2);
        chain.add("flaky", new ConnectionGuard() {
            @Override
            public Admission admit(InetSocketAddress client) {
                return Admission.allow();
            }

            @Override
            public void loginSucceeded(InetSocketAddress client, String login) {
                calls.countDown();
                throw new IllegalStateException("boom");
            }
        });
        chain.loginSucceeded(CLIENT, "joe");
        chain.loginSucceeded(CLIENT, "joe");
        assertTrue(calls.await(DEADLINE_S, TimeUnit.SECONDS));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(DEADLINE_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records what it was asked and told. */
    private static final class Recorder implements ConnectionGuard {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final Admission answer;
        volatile CountDownLatch done = new CountDownLatch(0);

        Recorder(Admission answer) {
            this.answer = answer;
        }

        void expect(int news) {
            done = new CountDownLatch(news);
        }

        @Override
        public Admission admit(InetSocketAddress client) {
            seen.add("admit " + client.getAddress().getHostAddress());
            return answer;
        }

        @Override
        public void loginFailed(InetSocketAddress client, String login, LoginFailure failure) {
            seen.add("failed " + login + " " + failure);
            done.countDown();
        }

        @Override
        public void protocolError(InetSocketAddress client, String what) {
            seen.add("protocol " + what);
            done.countDown();
        }
    }
}
