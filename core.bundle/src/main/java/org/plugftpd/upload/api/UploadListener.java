package org.plugftpd.upload.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of every completed upload (reply 226), like pure-uploadscript. Called from the core's event
 * queue, never on a session's thread.
 */
@ConsumerType
public interface UploadListener {

    void uploaded(UploadEvent event);
}
