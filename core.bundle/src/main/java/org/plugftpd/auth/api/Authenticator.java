package org.plugftpd.auth.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides one login. The core asks every registered Authenticator in descending
 * {@code service.ranking} order until one answers something other than
 * {@link AuthResult#notMine()} — Pure-FTPd's {@code -l method:...} chain.
 * <p>Called on a login worker thread, possibly concurrently; implementations must be thread-safe
 * and must not keep the password array (the core wipes it after the call).
 */
@ConsumerType
public interface Authenticator {

    /**
     * @param request the login, the password and the client; never null
     * @return accepted with an account, rejected, or not mine; never null
     */
    AuthResult authenticate(LoginRequest request);
}
