package org.plugftpd.core.impl.data;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.ftpserver.DataConnectionConfiguration;
import org.apache.ftpserver.command.CommandFactoryFactory;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.listener.Listener;

/**
 * plugftpd's data connections for one engine: the PASV/EPSV/PORT/EPRT commands, one
 * {@link DataListenerConfiguration} per control listener (its passive port pool), a per-session
 * connection factory installed when a session is created, and one timer thread that reclaims
 * passive listeners nobody connected to. Thread-safe; {@link #close} when the engine stops.
 */
public final class DataConnections implements AutoCloseable {
    // FtpIoSession keeps its data connection factory under this attribute (FtpServer 1.2.1)
    private static final String SESSION_ATTRIBUTE = "org.apache.ftpserver.data-connection";

    private final Supplier<DataPolicy> policy;
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicInteger listening = new AtomicInteger();

    /** @param policy read at each PASV, PORT and transfer, so changes apply to the next one */
    public DataConnections(Supplier<DataPolicy> policy) {
        this.policy = policy;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "plugftpd-data-reclaim");
            t.setDaemon(true);
            return t;
        });
        // 500 PASVs in a row must not leave 500 cancelled tasks queued
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * The data configuration of a new control listener: passive ports from {@code passivePorts}
     * (empty: any free port), PASV replies naming {@code externalAddress} when set.
     *
     * @throws IllegalArgumentException when a setting cannot be used (it names which)
     */
    public DataConnectionConfiguration forListener(String passivePorts, String externalAddress) {
        InetAddress external = null;
        if (externalAddress != null && !externalAddress.isEmpty()) {
            try {
                external = InetAddress.getByName(externalAddress);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("externalAddress " + externalAddress + " does not resolve", e);
            }
        }
        return new DataListenerConfiguration(this, passivePorts, externalAddress, external);
    }

    /** Adds PASV, EPSV, PORT and EPRT with Pure-FTPd's replies. */
    public void addCommands(CommandFactoryFactory commands) {
        DataPortCommands c = new DataPortCommands();
        commands.addCommand("PASV", c.passive());
        commands.addCommand("EPSV", c.extendedPassive());
        commands.addCommand("PORT", c.port());
        commands.addCommand("EPRT", c.extendedPort());
    }

    /**
     * Gives a just-created session plugftpd's data connection factory (in place of FtpServer's),
     * when its listener was configured by {@link #forListener}. Call after the listener is set.
     */
    public static void install(FtpIoSession session) {
        Listener listener = session.getListener();
        if (listener != null && listener.getDataConnectionConfiguration() instanceof DataListenerConfiguration) {
            session.setAttribute(SESSION_ATTRIBUTE, new SessionDataConnections(session,
                    (DataListenerConfiguration) listener.getDataConnectionConfiguration()));
        }
    }

    /**
     * True when the session gave PASV/EPSV/PORT/EPRT since its last transfer, i.e. a transfer
     * command may answer 150 and open the connection; false means {@code 425 No data connection}.
     */
    public static boolean prepared(FtpIoSession session) {
        return session.getDataConnection().getInetAddress() != null;
    }

    /** Passive listeners open right now, over every session of this engine. */
    public int listening() {
        return listening.get();
    }

    DataPolicy policy() {
        return policy.get();
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    void listenerOpened() {
        listening.incrementAndGet();
    }

    void listenerClosed() {
        listening.decrementAndGet();
    }

    /** Stops the reclaim timer; the sessions' own listeners close with their sessions. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
