package org.plugftpd.quota.api;

/** Allowed, or refused with the reason the client reads after {@code 552}. */
public final class QuotaDecision {
    private static final QuotaDecision ALLOW = new QuotaDecision(true, null);

    private final boolean allowed;
    private final String refusal;

    private QuotaDecision(boolean allowed, String refusal) {
        this.allowed = allowed;
        this.refusal = refusal;
    }

    public static QuotaDecision allow() {
        return ALLOW;
    }

    public static QuotaDecision refuse(String replyText) {
        return new QuotaDecision(false, replyText);
    }

    public boolean allowed() {
        return allowed;
    }

    public String refusal() {
        return refusal;
    }
}
