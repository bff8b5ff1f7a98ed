package org.plugftpd.session.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The live scoreboard: every open control connection, as pure-ftpwho shows it. Provided by the
 * core; safe to call from any thread. Snapshots are consistent per session, not across sessions.
 */
@ProviderType
public interface SessionRegistry {

    /** Snapshots of all open sessions, oldest first. */
    List<SessionInfo> sessions();

    Optional<SessionInfo> session(long id);

    /**
     * Closes a session's control and data connections at once.
     *
     * @return false when no such session is open
     */
    boolean kick(long id);
}
