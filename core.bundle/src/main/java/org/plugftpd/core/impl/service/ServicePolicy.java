package org.plugftpd.core.impl.service;

import java.time.Duration;
import java.util.Set;

/**
 * How the core treats the feature services it calls inside a session (plugftpd.server keys
 * {@code serviceTimeout}, {@code quotaFailure}, {@code uploadVetoFailure}, {@code requiredServices},
 * {@code requiredServiceGrace}). Immutable.
 */
public final class ServicePolicy {
    /** The names {@code requiredServices} accepts. */
    public static final String QUOTA = "quota";
    public static final String UPLOAD_VETO = "uploadVeto";
    public static final String AUTHENTICATOR = "authenticator";
    public static final Set<String> KNOWN = Set.of(QUOTA, UPLOAD_VETO, AUTHENTICATOR);

    private final Duration timeout;
    private final boolean quotaFailsOpen;
    private final boolean vetoFailsOpen;
    private final Set<String> required;
    private final Duration grace;

    public ServicePolicy(Duration timeout, boolean quotaFailsOpen, boolean vetoFailsOpen, Set<String> required,
            Duration grace) {
        this.timeout = timeout;
        this.quotaFailsOpen = quotaFailsOpen;
        this.vetoFailsOpen = vetoFailsOpen;
        this.required = Set.copyOf(required);
        this.grace = grace;
    }

    /** Time a feature service's call may take; zero = no limit (called on the session's thread). */
    public Duration timeout() { return timeout; }
    /** {@code quotaFailure=open}: a failing quota lets the write happen unaccounted. */
    public boolean quotaFailsOpen() { return quotaFailsOpen; }
    /** {@code uploadVetoFailure=open}: a failing veto lets the upload happen. */
    public boolean vetoFailsOpen() { return vetoFailsOpen; }
    public Set<String> required() { return required; }
    public boolean requires(String name) { return required.contains(name); }
    /** How long logins and writes wait for a required service that went away (a bundle update). */
    public Duration grace() { return grace; }

    public static ServicePolicy defaults() {
        return new ServicePolicy(Duration.ofSeconds(10), false, false, Set.of(), Duration.ofSeconds(10));
    }
}
