package org.plugftpd.auth.api;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a session comes from: the client's address, the server address and port it connected to
 * (what Pure-FTPd checks against the "local IP" fields) and whether the control channel is TLS.
 */
public final class ClientInfo {
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final boolean secure;

    public ClientInfo(InetSocketAddress remote, InetSocketAddress local, boolean secure) {
        this.remote = Objects.requireNonNull(remote, "remote");
        this.local = Objects.requireNonNull(local, "local");
        this.secure = secure;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    public InetSocketAddress local() {
        return local;
    }

    public boolean secure() {
        return secure;
    }

    @Override
    public String toString() {
        return remote.getAddress().getHostAddress() + ":" + remote.getPort() + (secure ? " (TLS)" : "");
    }
}
