package org.plugftpd.session.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when a control connection has ended, whatever ended it. Called from the core's event
 * queue on this listener's own lane, never on a session's thread, one event at a time; a slow
 * listener delays only itself. A listener away for an update gets the events of the gap later.
 */
@ConsumerType
public interface SessionListener {

    void sessionEnded(SessionEndedEvent event);
}
