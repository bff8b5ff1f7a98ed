package org.plugftpd.core.impl.guard;

import java.net.InetSocketAddress;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

/**
 * What the core tells the connection guards (the brute-force defender) and asks them: may this
 * client connect, and how did its logins and commands go. Called on session threads; never
 * blocks, never throws. Until guards are bound it admits everybody and records nothing.
 */
@Component(service = GuardChain.class)
public final class GuardChain {

    /** Empty when the client may connect, else the text of the {@code 421} it gets. */
    public Optional<String> admit(InetSocketAddress client) {
        return Optional.empty();
    }

    /** A login was accepted. */
    public void loginSucceeded(InetSocketAddress client, String login) {
    }

    /** A login was refused; {@code knownAccount} false when no authenticator knew the name. */
    public void loginFailed(InetSocketAddress client, String login, boolean knownAccount) {
    }

    /** The client sent something the protocol does not allow (bad line, over-long line, bad bytes). */
    public void protocolError(InetSocketAddress client, String what) {
    }
}
