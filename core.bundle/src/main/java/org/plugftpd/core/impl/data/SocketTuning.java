package org.plugftpd.core.impl.data;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;

/** The socket options every data socket gets. Stateless. */
final class SocketTuning {

    private SocketTuning() {
    }

    /**
     * Buffers before bind/listen/connect, so a listener's accepted sockets inherit them and the
     * window scale negotiated in the handshake fits them.
     */
    static void buffers(NetworkChannel channel, DataPolicy policy) throws IOException {
        if (policy.socketBuffer() > 0) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, policy.socketBuffer());
            if (channel.supportedOptions().contains(StandardSocketOptions.SO_SNDBUF)) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, policy.socketBuffer());
            }
        }
    }

    /** A connected data socket: no Nagle delay on the last short segment, keep-alive like Pure-FTPd. */
    static void connected(NetworkChannel channel, DataPolicy policy) throws IOException {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        buffers(channel, policy);
    }
}
