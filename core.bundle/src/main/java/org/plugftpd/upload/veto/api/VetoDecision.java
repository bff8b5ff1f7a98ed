package org.plugftpd.upload.veto.api;

import java.util.Objects;

/** Allowed, or refused with the text the client reads after {@code 550}. Immutable. */
public final class VetoDecision {
    private static final VetoDecision ALLOW = new VetoDecision(null);

    private final String refusal;

    private VetoDecision(String refusal) {
        this.refusal = refusal;
    }

    public static VetoDecision allow() {
        return ALLOW;
    }

    /** @param replyText one line, shown to the client as {@code 550 <replyText>} */
    public static VetoDecision refuse(String replyText) {
        return new VetoDecision(Objects.requireNonNull(replyText, "replyText"));
    }

    public boolean allowed() {
        return refusal == null;
    }

    /** The refusal text; null when allowed. */
    public String refusal() {
        return refusal;
    }

    @Override
    public String toString() {
        return allowed() ? "allow" : "refuse: " + refusal;
    }
}
