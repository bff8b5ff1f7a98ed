package org.plugftpd.core.impl.guard;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.plugftpd.guard.api.Admission;
import org.plugftpd.guard.api.ConnectionGuard;
import org.plugftpd.guard.api.LoginFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the core tells the {@link ConnectionGuard}s (the brute-force defender) and asks them: may
 * this client connect, and how did its logins and commands go. Guards come and go at any time
 * (dynamic, greedy). Called on session threads; never blocks on a guard's news, never throws.
 * With no guard bound it admits everybody. Thread-safe.
 */
@Component(service = GuardChain.class)
public final class GuardChain {
    private static final Logger LOG = LoggerFactory.getLogger(GuardChain.class);

    private final CopyOnWriteArrayList<GuardLink> links = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addGuard(ServiceReference<ConnectionGuard> ref, ConnectionGuard guard) {
        GuardLink link = new GuardLink(describe(ref), ref, guard);
        synchronized (links) {
            List<GuardLink> sorted = new ArrayList<>(links);
            sorted.add(link);
            // highest service.ranking asked first (ServiceReference order sorts it last)
            sorted.sort((a, b) -> a.ref == null || b.ref == null ? 0 : b.ref.compareTo(a.ref));
            links.clear();
            links.addAll(sorted);
        }
        LOG.info("connection guard bound: {}", link.name);
    }

    void removeGuard(ServiceReference<ConnectionGuard> ref, ConnectionGuard guard) {
        synchronized (links) {
            for (GuardLink link : links) {
                if (link.ref == ref) {
                    links.remove(link);
                    link.close();
                    LOG.info("connection guard unbound: {}", link.name);
                }
            }
        }
    }

    /** For tests without a framework: binds {@code guard} last in the chain. */
    void add(String name, ConnectionGuard guard) {
        links.add(new GuardLink(name, null, guard));
    }

    @Deactivate
    void deactivate() {
        synchronized (links) {
            links.forEach(GuardLink::close);
            links.clear();
        }
    }

    /**
     * Asks every guard (each one counts the connection); empty when the client may connect, else
     * the text of the {@code 421} it gets from the first guard that refused.
     */
    public Optional<String> admit(InetSocketAddress client) {
        Optional<String> refusal = Optional.empty();
        for (GuardLink link : links) {
            Admission answer = link.ask(client);
            if (refusal.isEmpty() && !answer.allowed()) {
                refusal = answer.refusal();
            }
        }
        return refusal;
    }

    /** A login was accepted. */
    public void loginSucceeded(InetSocketAddress client, String login) {
        for (GuardLink link : links) {
            link.tell("loginSucceeded", g -> g.loginSucceeded(client, login));
        }
    }

    /** A login was refused; {@code knownAccount} false when no authenticator knew the name. */
    public void loginFailed(InetSocketAddress client, String login, boolean knownAccount) {
        LoginFailure failure = knownAccount ? LoginFailure.KNOWN_ACCOUNT : LoginFailure.UNKNOWN_ACCOUNT;
        for (GuardLink link : links) {
            link.tell("loginFailed", g -> g.loginFailed(client, login, failure));
        }
    }

    /** The client sent something the protocol does not allow (bad line, over-long line, bad bytes). */
    public void protocolError(InetSocketAddress client, String what) {
        for (GuardLink link : links) {
            link.tell("protocolError", g -> g.protocolError(client, what));
        }
    }

    /** One line per bound guard, in the order they are asked, with the news dropped for it. */
    public List<String> describeChain() {
        List<String> lines = new ArrayList<>();
        for (GuardLink l : links) {
            lines.add("ConnectionGuard " + l.name + (l.dropped() == 0 ? "" : ", " + l.dropped() + " events dropped"));
        }
        return lines;
    }

    static String describe(ServiceReference<?> ref) {
        Bundle b = ref.getBundle();
        Object ranking = ref.getProperty("service.ranking");
        return (b == null ? "?" : b.getSymbolicName() + " " + b.getVersion())
                + " (ranking " + (ranking == null ? 0 : ranking) + ")";
    }
}
