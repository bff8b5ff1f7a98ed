package org.plugftpd.core.impl.service;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.plugftpd.quota.api.QuotaChange;
import org.plugftpd.quota.api.QuotaTicket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's side of a quota ticket: a refusal (code and reply lines), or a grant whose
 * {@link #end} reaches the ticket exactly once however often it is called, and whose failures
 * follow the policy instead of reaching the client. Used by one session thread.
 */
public final class QuotaGrant {
    private static final Logger LOG = LoggerFactory.getLogger(QuotaGrant.class);
    private static final QuotaGrant UNLIMITED = new QuotaGrant(0, List.of(), null, null, null, null);

    private final int refusalCode;
    private final List<String> refusal;
    private final QuotaTicket ticket;
    private final String name;
    private final ServicePolicy policy;
    private final ServiceCalls calls;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean failed;

    private QuotaGrant(int refusalCode, List<String> refusal, QuotaTicket ticket, String name, ServicePolicy policy,
            ServiceCalls calls) {
        this.refusalCode = refusalCode;
        this.refusal = refusal;
        this.ticket = ticket;
        this.name = name;
        this.policy = policy;
        this.calls = calls;
    }

    /** No quota counts this change (none bound, or a failing one with {@code quotaFailure=open}). */
    public static QuotaGrant unlimited() {
        return UNLIMITED;
    }

    static QuotaGrant refused(int code, List<String> lines) {
        return new QuotaGrant(code, List.copyOf(lines), null, null, null, null);
    }

    static QuotaGrant of(QuotaTicket ticket, String name, ServicePolicy policy, ServiceCalls calls) {
        return new QuotaGrant(0, List.of(), ticket, name, policy, calls);
    }

    public boolean refused() {
        return refusalCode != 0;
    }

    /** 552 for a quota's refusal, 451 for a quota that failed (closed policy). */
    public int refusalCode() {
        return refusalCode;
    }

    public List<String> refusalLines() {
        return refusal;
    }

    /** True when a quota counts this change (a ticket will be ended). */
    public boolean counted() {
        return ticket != null;
    }

    /**
     * Tells the ticket the bytes written so far; true when the transfer must stop: the quota said
     * so, or it failed under {@code quotaFailure=closed} (then {@link #failed()} is true). Inline
     * and quick: no time limit is applied here.
     */
    public boolean stop(long bytesWritten) {
        if (ticket == null || failed) {
            return failed;
        }
        long t0 = System.nanoTime();
        try {
            boolean stop = ticket.progress(bytesWritten) == QuotaTicket.Verdict.STOP;
            calls.record(name, System.nanoTime() - t0, false, false);
            return stop;
        } catch (RuntimeException | LinkageError e) {
            calls.record(name, System.nanoTime() - t0, true, false);
            LOG.warn("{} failed in progress: {}; quotaFailure={}", name, e.toString(),
                    policy.quotaFailsOpen() ? "open" : "closed");
            if (policy.quotaFailsOpen()) {
                return false;
            }
            failed = true;
            return true;
        }
    }

    /** The quota failed during the transfer under {@code quotaFailure=closed}. */
    public boolean failed() {
        return failed;
    }

    /**
     * Ends the ticket with what really changed; only the first call reaches it. Returns the usage
     * lines for the reply (empty when there is no ticket, on a repeated call or a failure).
     */
    public List<String> end(QuotaChange change) {
        if (ticket == null || !ended.compareAndSet(false, true)) {
            return List.of();
        }
        try {
            List<String> lines = calls.call(name, policy.timeout(), () -> ticket.end(change));
            return List.copyOf(lines);
        } catch (ServiceFailure e) {
            LOG.warn("{} while ending a ticket with {}", e.getMessage(), change);
            return List.of();
        }
    }

    /** True once {@link #end} has been called (for tests and the exactly-once check). */
    public boolean ended() {
        return ticket == null || ended.get();
    }
}
