package org.plugftpd.core.impl.service;

import java.util.List;
import java.util.function.Supplier;

import org.plugftpd.quota.api.QuotaDecision;
import org.plugftpd.quota.api.QuotaRequest;
import org.plugftpd.quota.api.QuotaService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the quota of the moment before a change of usage, under the site's failure policy: no
 * quota bound (and none required) grants without counting; a required one that is away is
 * waited for up to the grace; a quota that throws or overruns its time refuses the write with
 * {@code 451} ({@code quotaFailure=closed}) or lets it through uncounted ({@code open}).
 * Thread-safe.
 */
public final class QuotaGuard {
    private static final Logger LOG = LoggerFactory.getLogger(QuotaGuard.class);
    static final String FAILED_TEXT = "Sorry, the quota could not be checked - try again later";

    /** The quota of the moment with its name for logs and figures, or null. */
    interface Current {
        QuotaService service();

        String name();
    }

    private final Supplier<Current> current;
    private final Supplier<ServicePolicy> policy;
    private final RequiredServices required;
    private final ServiceCalls calls;

    QuotaGuard(Supplier<Current> current, Supplier<ServicePolicy> policy, RequiredServices required, ServiceCalls calls) {
        this.current = current;
        this.policy = policy;
        this.required = required;
        this.calls = calls;
    }

    /** A refusal to send, or a grant to feed and end exactly once. Never throws. */
    public QuotaGrant begin(QuotaRequest request) {
        ServicePolicy p = policy.get();
        Current q = current.get();
        if (q == null && p.requires(ServicePolicy.QUOTA)) {
            try {
                if (required.await(ServicePolicy.QUOTA, p.grace())) {
                    q = current.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (q == null) {
                LOG.warn("quota required but not available for {}", request);
                return p.quotaFailsOpen() ? QuotaGrant.unlimited() : QuotaGrant.refused(451, List.of(FAILED_TEXT));
            }
        }
        if (q == null) {
            return QuotaGrant.unlimited();
        }
        QuotaService service = q.service();
        String name = q.name();
        QuotaDecision decision;
        try {
            decision = calls.call(name, p.timeout(), () -> service.begin(request));
        } catch (ServiceFailure e) {
            LOG.warn("{} for {}; quotaFailure={}", e.getMessage(), request, p.quotaFailsOpen() ? "open" : "closed");
            return p.quotaFailsOpen() ? QuotaGrant.unlimited() : QuotaGrant.refused(451, List.of(FAILED_TEXT));
        }
        if (!decision.granted()) {
            return QuotaGrant.refused(552, decision.refusal());
        }
        return QuotaGrant.of(decision.ticket(), name, p, calls);
    }
}
