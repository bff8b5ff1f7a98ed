package org.plugftpd.core.impl.data;

import java.net.InetAddress;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.ftpserver.DataConnectionConfiguration;
import org.apache.ftpserver.ssl.SslConfiguration;

/**
 * What one control listener's sessions share for data connections: the passive port pool of its
 * range, the address announced in PASV replies, and the engine's live {@link DataPolicy} and timer.
 * A new {@code passivePorts} or {@code externalAddress} comes with a new listener and so a new
 * instance; the policy is read live. Also answers FtpServer's {@link DataConnectionConfiguration}
 * questions for code that still asks them. Thread-safe.
 */
final class DataListenerConfiguration implements DataConnectionConfiguration {
    private final DataConnections engine;
    private final String passivePorts;
    private final PassivePortPool pool;
    private final String externalAddressText;
    private final InetAddress externalAddress;
    private final AtomicInteger listening = new AtomicInteger();

    DataListenerConfiguration(DataConnections engine, String passivePorts, String externalAddressText,
            InetAddress externalAddress) {
        this.engine = engine;
        this.passivePorts = passivePorts == null ? "" : passivePorts;
        this.pool = new PassivePortPool(PortRange.parse(this.passivePorts));
        this.externalAddressText = externalAddressText == null || externalAddressText.isEmpty() ? null
                : externalAddressText;
        this.externalAddress = externalAddress;
    }

    PassivePortPool pool() {
        return pool;
    }

    DataPolicy policy() {
        return engine.policy();
    }

    ScheduledExecutorService timer() {
        return engine.timer();
    }

    /** The address PASV announces instead of the listener's own (behind NAT); null = the listener's. */
    InetAddress externalAddress() {
        return externalAddress;
    }

    void listenerOpened() {
        listening.incrementAndGet();
        engine.listenerOpened();
    }

    void listenerClosed() {
        listening.decrementAndGet();
        engine.listenerClosed();
    }

    /** Passive listeners of this listener's sessions open right now. */
    int listening() {
        return listening.get();
    }

    @Override
    public int getIdleTime() {
        return Math.max(1, policy().timeoutMillis() / 1000);
    }

    @Override
    public boolean isActiveEnabled() {
        return true;
    }

    @Override
    public boolean isActiveIpCheck() {
        return policy().addressCheck();
    }

    @Override
    public String getActiveLocalAddress() {
        return null;
    }

    @Override
    public int getActiveLocalPort() {
        return 0;
    }

    @Override
    public String getPassiveAddress() {
        return null;
    }

    @Override
    public String getPassiveExernalAddress() {
        return externalAddressText;
    }

    @Override
    public String getPassivePorts() {
        return passivePorts;
    }

    @Override
    public boolean isPassiveIpCheck() {
        return policy().addressCheck();
    }

    /** Not used: passive ports come from {@link #pool()}; -1 makes FtpServer's own factory fail cleanly. */
    @Override
    public int requestPassivePort() {
        return -1;
    }

    @Override
    public void releasePassivePort(int port) {
        // ports are released by the listener that held them
    }

    @Override
    public SslConfiguration getSslConfiguration() {
        // TLS data connections come with the TLS issue
        return null;
    }

    @Override
    public boolean isImplicitSsl() {
        return false;
    }
}
