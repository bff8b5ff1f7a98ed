package org.plugftpd.quota.api;

import java.util.List;
import java.util.Objects;

/**
 * The answer to {@link QuotaService#begin}: granted with a {@link QuotaTicket}, or refused with
 * the reply lines the client reads after {@code 552} (e.g. {@code Quota exceeded: [a.txt] won't be
 * saved}, spec/quota.md §3). Immutable.
 */
public final class QuotaDecision {
    private final QuotaTicket ticket;
    private final List<String> refusal;

    private QuotaDecision(QuotaTicket ticket, List<String> refusal) {
        this.ticket = ticket;
        this.refusal = refusal;
    }

    /** The change may happen; the core reports to {@code ticket} and ends it exactly once. */
    public static QuotaDecision grant(QuotaTicket ticket) {
        return new QuotaDecision(Objects.requireNonNull(ticket, "ticket"), List.of());
    }

    /** The change must not happen; {@code replyLines} (at least one) are sent with code 552. */
    public static QuotaDecision refuse(List<String> replyLines) {
        if (replyLines.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs a reply line");
        }
        return new QuotaDecision(null, List.copyOf(replyLines));
    }

    public static QuotaDecision refuse(String replyText) {
        return refuse(List.of(replyText));
    }

    public boolean granted() {
        return ticket != null;
    }

    /** The ticket of a granted change; null when refused. */
    public QuotaTicket ticket() {
        return ticket;
    }

    /** The reply lines of a refusal; empty when granted. */
    public List<String> refusal() {
        return refusal;
    }
}
