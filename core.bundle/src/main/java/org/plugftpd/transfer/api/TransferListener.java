package org.plugftpd.transfer.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of every finished transfer, successful or not. Called from the core's event queue, never
 * on a session's thread, one event at a time per listener; a slow listener delays only itself.
 */
@ConsumerType
public interface TransferListener {

    void transferEnded(TransferEvent event);
}
