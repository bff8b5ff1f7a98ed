package org.plugftpd.core.impl.data;

import java.nio.channels.SocketChannel;

import org.apache.ftpserver.ftplet.DataConnection;

/**
 * A data connection whose socket can be handed to {@code FileChannel.transferTo/transferFrom}:
 * the zero-copy path for plain binary transfers (no TLS, no ASCII conversion, no throttle).
 * Owned by one transfer on one thread; {@link #channel()} is in blocking mode.
 */
public interface ChannelDataConnection extends DataConnection {

    /** The connected data socket; closing it ends the transfer (used by ABOR). */
    SocketChannel channel();
}
