package org.plugftpd.guard.api;

import java.net.InetSocketAddress;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides whether a client may connect, from what it learnt of the client's earlier connections,
 * logins and commands. Every registered guard is asked at each connection (the first refusal wins)
 * and told every outcome; guards come and go at any time.
 * <p>{@link #admit} runs on the connection's I/O thread before the greeting: answer from memory
 * (a map lookup), never from a file, a socket or a lock held across I/O. The other methods are
 * called on a thread of the guard's own (one per guard, in order), so they may take their time,
 * but events a slow guard does not take fast enough are dropped. Implementations must be
 * thread-safe; an exception a guard throws is logged by the core and never reaches a client.
 * The do-nothing defaults let a guard implement only what it uses.
 */
@ConsumerType
public interface ConnectionGuard {

    /**
     * A client has connected. This is also how guards learn of connections (to count bursts):
     * every guard is asked exactly once per connection, even when another guard refuses it.
     *
     * @param client the client's address and port; never null
     * @return {@link Admission#allow()} or a refusal with the text of the {@code 421} reply; never null
     */
    Admission admit(InetSocketAddress client);

    /** A login from {@code client} was accepted. */
    default void loginSucceeded(InetSocketAddress client, String login) {
    }

    /**
     * A login from {@code client} was refused.
     *
     * @param login the name the client gave, as it gave it (untrusted: may hold any character)
     * @param failure whether an authenticator knew the account
     */
    default void loginFailed(InetSocketAddress client, String login, LoginFailure failure) {
    }

    /**
     * The client sent something the protocol does not allow (a malformed or over-long command
     * line, bytes that are not text).
     *
     * @param what a short description for logs; never client bytes
     */
    default void protocolError(InetSocketAddress client, String what) {
    }
}
