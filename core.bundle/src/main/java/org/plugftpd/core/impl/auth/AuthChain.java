package org.plugftpd.core.impl.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugftpd.auth.api.AuthResult;
import org.plugftpd.auth.api.Authenticator;
import org.plugftpd.auth.api.LoginRequest;
import org.plugftpd.core.impl.service.FeatureServices;
import org.plugftpd.core.impl.service.ServiceFailure;
import org.plugftpd.core.impl.service.ServicePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pure-FTPd's {@code -l} chain: asks the bound {@link Authenticator}s, highest
 * {@code service.ranking} first, until one does not answer "not mine". Authenticators come and go
 * at any time (dynamic, greedy); a login sees the chain as it was when the login started.
 * No authenticator, or none that knows the login, means rejected. An authenticator that throws,
 * answers null or overruns {@code serviceTimeout} rejects the login (the client gets {@code 530})
 * and is logged with its bundle's name; the next one is never asked, so a crash never fails open.
 * Logins first wait (up to the grace) for required services that are away. Thread-safe.
 */
@Component(service = AuthChain.class)
public final class AuthChain {
    private static final Logger LOG = LoggerFactory.getLogger(AuthChain.class);

    private final CopyOnWriteArrayList<Link> links = new CopyOnWriteArrayList<>();
    private final FeatureServices services;

    @Activate
    public AuthChain(@Reference FeatureServices services) {
        this.services = services;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addAuthenticator(ServiceReference<Authenticator> ref, Authenticator authenticator) {
        synchronized (links) {
            links.add(new Link(ref, authenticator));
            List<Link> sorted = new ArrayList<>(links);
            // ServiceReference order: higher ranking (then lower id) sorts last
            sorted.sort((a, b) -> b.ref.compareTo(a.ref));
            links.clear();
            links.addAll(sorted);
        }
        services.required().bound(ServicePolicy.AUTHENTICATOR);
        LOG.info("authenticator bound: {}", describe(ref));
    }

    void removeAuthenticator(ServiceReference<Authenticator> ref, Authenticator authenticator) {
        synchronized (links) {
            links.removeIf(l -> l.service == authenticator);
        }
        services.required().unbound(ServicePolicy.AUTHENTICATOR);
        LOG.info("authenticator unbound: {}", describe(ref));
    }

    /** Runs the chain. A failing authenticator rejects the login; it is never "not mine". */
    public AuthResult authenticate(LoginRequest request) {
        ServicePolicy policy = services.policy();
        if (!policy.required().isEmpty()) {
            try {
                if (!services.required().awaitAll(policy)) {
                    LOG.warn("login of {} goes on without required services {}", request,
                            services.required().missing(policy));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Link link : links) {
            AuthResult result;
            try {
                result = services.calls().call(link.name, policy.timeout(), () -> link.service.authenticate(request));
            } catch (ServiceFailure e) {
                // fail closed: the next method must not decide a login this one may own
                LOG.warn("{} for {}: login refused", e.getMessage(), request);
                return AuthResult.rejected(e.getMessage());
            }
            if (result.outcome() != AuthResult.Outcome.NOT_MINE) {
                return result;
            }
        }
        return AuthResult.rejected(links.isEmpty() ? "no authenticator available" : "unknown login");
    }

    /** One line per bound authenticator, in chain order. */
    public List<String> describeChain() {
        List<String> lines = new ArrayList<>();
        for (Link l : links) {
            lines.add("Authenticator " + describe(l.ref));
        }
        return lines;
    }

    static String describe(ServiceReference<?> ref) {
        Bundle b = ref.getBundle();
        Object ranking = ref.getProperty("service.ranking");
        return (b == null ? "?" : b.getSymbolicName() + " " + b.getVersion())
                + " (ranking " + (ranking == null ? 0 : ranking) + ")";
    }

    private static final class Link {
        final ServiceReference<Authenticator> ref;
        final Authenticator service;

        final String name;

        Link(ServiceReference<Authenticator> ref, Authenticator service) {
            this.ref = ref;
            this.service = service;
            Bundle b = ref.getBundle();
            this.name = "Authenticator " + (b == null ? "?" : b.getSymbolicName());
        }
    }
}
