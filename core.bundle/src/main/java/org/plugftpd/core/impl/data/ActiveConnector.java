package org.plugftpd.core.impl.data;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Locale;

/**
 * Active mode (PORT/EPRT): connects from the control connection's local address to the target the
 * client gave, within the data-connection timeout. The target was checked by the command (port
 * 1024 or above, the client's own address unless FXP is allowed). Stateless.
 */
final class ActiveConnector {

    private ActiveConnector() {
    }

    /** An unconnected socket bound to {@code local}, tuned for transfers. */
    static SocketChannel open(InetAddress local, DataPolicy policy) throws DataUnavailableException {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            SocketTuning.connected(channel, policy);
            channel.bind(new InetSocketAddress(local, 0));
            return channel;
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // going anyway
                }
            }
            throw new DataUnavailableException(425, "Can't create the data socket", e);
        }
    }

    /** Connects; on failure closes the socket and answers Pure-FTPd's 425 with the reason. */
    static void connect(SocketChannel channel, InetSocketAddress target, DataPolicy policy)
            throws DataUnavailableException {
        try {
            // the socket adaptor's connect honours the timeout; closing the channel ends it at once
            channel.socket().connect(target, policy.timeoutMillis());
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // going anyway
            }
            throw new DataUnavailableException(425,
                    "Could not open data connection to port " + target.getPort() + ": " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // "Connection refused" as strerror says it; never more than a short line
        m = m.replace('\r', ' ').replace('\n', ' ');
        return m.length() > 80 ? m.substring(0, 80) : m.substring(0, 1).toUpperCase(Locale.ROOT) + m.substring(1);
    }
}
