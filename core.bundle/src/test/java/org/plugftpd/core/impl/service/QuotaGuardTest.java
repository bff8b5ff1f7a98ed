package org.plugftpd.core.impl.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.junit.Test;
import org.plugftpd.auth.api.Account;
import org.plugftpd.quota.api.QuotaChange;
import org.plugftpd.quota.api.QuotaDecision;
import org.plugftpd.quota.api.QuotaOperation;
import org.plugftpd.quota.api.QuotaRequest;
import org.plugftpd.quota.api.QuotaService;
import org.plugftpd.quota.api.QuotaTicket;

/** The ticket lifecycle and the failure policy, with fake quota services. */
public class QuotaGuardTest {
    private static final QuotaRequest REQUEST = QuotaRequest
            .builder(QuotaOperation.UPLOAD_NEW, Account.builder("al").home("/tmp/al").build(), Paths.get("/tmp/al"))
            .path("/a.txt").build();

    private final List<QuotaChange> ended = new ArrayList<>();
    private final RequiredServices required = new RequiredServices();
    private final ServiceCalls calls = new ServiceCalls();
    private ServicePolicy policy = ServicePolicy.defaults();

    private QuotaGuard guard(QuotaService service) {
        QuotaGuard.Current current = service == null ? null : new QuotaGuard.Current() {
            @Override
            public QuotaService service() {
                return service;
            }

            @Override
            public String name() {
                return "QuotaService fake";
            }
        };
        return new QuotaGuard(() -> current, () -> policy, required, calls);
    }

    private QuotaService stoppingAt(long limit) {
        return request -> QuotaDecision.grant(new QuotaTicket() {
            @Override
            public Verdict progress(long bytesWritten) {
                return bytesWritten > limit ? Verdict.STOP : Verdict.CONTINUE;
            }

            @Override
            public List<String> end(QuotaChange change) {
                ended.add(change);
                return List.of("1 files used (25%) - authorized: 4 files");
            }
        });
    }

    @Test
    public void aTicketIsEndedExactlyOnceHoweverOftenTheCoreEndsIt() {
        QuotaGrant grant = guard(stoppingAt(100)).begin(REQUEST);
        assertTrue(grant.counted());
        assertFalse(grant.stop(100));
        assertTrue(grant.stop(101));
        QuotaChange change = QuotaChange.builder(QuotaChange.Outcome.QUOTA_EXCEEDED).bytesTransferred(101).build();
        assertEquals(List.of("1 files used (25%) - authorized: 4 files"), grant.end(change));
        assertEquals(List.of(), grant.end(QuotaChange.none(QuotaChange.Outcome.COMPLETED)));
        assertEquals(List.of(change), ended);
        assertTrue(grant.ended());
    }

    @Test
    public void aRefusalCarriesTheQuotasLinesWith552() {
        QuotaGrant grant = guard(r -> QuotaDecision.refuse("Quota exceeded: [a.txt] won't be saved")).begin(REQUEST);
        assertTrue(grant.refused());
        assertEquals(552, grant.refusalCode());
        assertEquals(List.of("Quota exceeded: [a.txt] won't be saved"), grant.refusalLines());
    }

    @Test
    public void aQuotaThatThrowsRefusesTheWriteWith451WhenClosed() {
        QuotaGrant grant = guard(r -> {
            throw new IllegalStateException("broken");
        }).begin(REQUEST);
        assertTrue(grant.refused());
        assertEquals(451, grant.refusalCode());
        assertEquals(1, calls.figures().get(0).failures());
    }

    @Test
    public void aQuotaThatThrowsLetsTheWriteThroughUncountedWhenOpen() {
        policy = new ServicePolicy(Duration.ofSeconds(5), true, false, Set.of(), Duration.ZERO);
        QuotaGrant grant = guard(r -> {
            throw new IllegalStateException("broken");
        }).begin(REQUEST);
        assertFalse(grant.refused());
        assertFalse(grant.counted());
    }

    @Test
    public void aQuotaThatOverrunsItsTimeIsAFailure() throws Exception {
        policy = new ServicePolicy(Duration.ofMillis(50), false, false, Set.of(), Duration.ZERO);
        CountDownLatch release = new CountDownLatch(1);
        QuotaGrant grant = guard(r -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return QuotaDecision.refuse("late");
        }).begin(REQUEST);
        release.countDown();
        assertEquals(451, grant.refusalCode());
        assertEquals(1, calls.figures().get(0).timeouts());
    }

    @Test
    public void aTicketThatThrowsInProgressStopsTheTransferWhenClosed() {
        QuotaGrant grant = guard(r -> QuotaDecision.grant(new QuotaTicket() {
            @Override
            public Verdict progress(long bytesWritten) {
                throw new IllegalStateException("ledger gone");
            }

            @Override
            public List<String> end(QuotaChange change) {
                ended.add(change);
                return null;
            }
        })).begin(REQUEST);
        assertTrue(grant.stop(10));
        assertTrue(grant.failed());
        // a ticket answering null at the end costs the usage lines, nothing else
        assertEquals(List.of(), grant.end(QuotaChange.none(QuotaChange.Outcome.NOT_DONE)));
        assertEquals(1, ended.size());
    }

    @Test
    public void noQuotaBoundGrantsWithoutCounting() {
        QuotaGrant grant = guard(null).begin(REQUEST);
        assertFalse(grant.refused());
        assertFalse(grant.counted());
        assertEquals(List.of(), grant.end(QuotaChange.none(QuotaChange.Outcome.COMPLETED)));
    }

    @Test
    public void aRequiredQuotaThatStaysAwayRefusesAfterTheGrace() {
        policy = new ServicePolicy(Duration.ofSeconds(5), false, false, Set.of(ServicePolicy.QUOTA), Duration.ofMillis(20));
        QuotaGrant grant = guard(null).begin(REQUEST);
        assertEquals(451, grant.refusalCode());
    }
}
