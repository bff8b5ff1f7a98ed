package org.plugftpd.server.api;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the running server is: registered while the FTP listener is bound. Tests and tools read the
 * port from here (a configured port 0 binds a free one).
 */
@ProviderType
public interface FtpServerStatus {

    /** plugftpd's version, e.g. {@code 0.1.0}. */
    String version();

    Instant startedAt();

    /** Addresses the control listener is bound to (with the real port). */
    List<InetSocketAddress> listeners();

    /** Events waiting for delivery to listeners. */
    long eventsQueued();

    /** Events delivered since start. */
    long eventsDelivered();

    /** Events thrown away because the queue was full (a listener was away too long). */
    long eventsDropped();
}
