package org.plugftpd.guard.api;

import java.util.Objects;
import java.util.Optional;

/** A guard's answer to a connection: let it in, or refuse it with the text of a {@code 421}. Immutable. */
public final class Admission {
    private static final Admission ALLOW = new Admission(null);

    private final String refusal;

    private Admission(String refusal) {
        this.refusal = refusal;
    }

    /** The client may connect (as far as this guard is concerned). */
    public static Admission allow() {
        return ALLOW;
    }

    /**
     * The client gets {@code 421 <reply>} and is disconnected before the greeting.
     *
     * @param reply one line of text for the client (CR and LF are replaced by spaces); not blank
     */
    public static Admission refuse(String reply) {
        Objects.requireNonNull(reply, "reply");
        String line = reply.replace('\r', ' ').replace('\n', ' ').trim();
        if (line.isEmpty()) {
            throw new IllegalArgumentException("reply: a refusal needs a text for the client");
        }
        return new Admission(line);
    }

    public boolean allowed() {
        return refusal == null;
    }

    /** The reply text of a refusal; empty when allowed. */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Admission && Objects.equals(refusal, ((Admission) o).refusal);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(refusal);
    }

    @Override
    public String toString() {
        return refusal == null ? "allow" : "refuse: " + refusal;
    }
}
