package org.plugftpd.session.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The TLS state of one connection (control or data) as the handshake left it: protocol, cipher
 * suite, the SNI host name the client asked for, and for a data connection whether it resumed the
 * control connection's TLS session. Immutable; built with {@link #builder()}.
 */
public final class TlsInfo {
    private final String protocol;
    private final String cipherSuite;
    private final String sniHostName;
    private final boolean resumedControlSession;

    private TlsInfo(Builder b) {
        this.protocol = Objects.requireNonNull(b.protocol, "protocol");
        this.cipherSuite = Objects.requireNonNull(b.cipherSuite, "cipherSuite");
        this.sniHostName = b.sniHostName;
        this.resumedControlSession = b.resumedControlSession;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** e.g. {@code TLSv1.3}. */
    public String protocol() { return protocol; }
    /** e.g. {@code TLS_AES_128_GCM_SHA256}. */
    public String cipherSuite() { return cipherSuite; }
    /** The host name the client sent in its SNI extension; empty when it sent none. */
    public Optional<String> sniHostName() { return Optional.ofNullable(sniHostName); }
    /** For a data connection: it resumed the control connection's TLS session. Always false for control. */
    public boolean resumedControlSession() { return resumedControlSession; }

    @Override
    public String toString() {
        return protocol + " " + cipherSuite + (sniHostName == null ? "" : " sni=" + sniHostName)
                + (resumedControlSession ? " resumed" : "");
    }

    /** Collects a TLS state's fields. */
    public static final class Builder {
        private String protocol;
        private String cipherSuite;
        private String sniHostName;
        private boolean resumedControlSession;

        private Builder() {
        }

        public Builder protocol(String v) { protocol = v; return this; }
        public Builder cipherSuite(String v) { cipherSuite = v; return this; }
        public Builder sniHostName(String v) { sniHostName = v; return this; }
        public Builder resumedControlSession(boolean v) { resumedControlSession = v; return this; }

        public TlsInfo build() {
            return new TlsInfo(this);
        }
    }
}
