package org.plugftpd.core.impl.transfer;

import java.io.IOException;

import org.apache.ftpserver.ftplet.DataConnection;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.ServerDataConnectionFactory;
import org.plugftpd.core.impl.data.ChannelDataConnection;
import org.plugftpd.core.impl.session.LiveSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link LiveSession#abortableBy} runs when the control layer reads ABOR during a
 * transfer: remembers that the client asked, and closes the data socket so the transfer's
 * blocked read or write fails at once. Registered for the length of one transfer. Thread-safe.
 */
final class AbortSwitch implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AbortSwitch.class);

    private final LiveSession live;
    /** Taken on the transfer's thread: FtpServer runs the command holding the session's monitor. */
    private final ServerDataConnectionFactory factory;
    private final DataConnection data;
    private volatile boolean fired;

    private AbortSwitch(LiveSession live, FtpIoSession session, DataConnection data) {
        this.live = live;
        this.factory = session.getDataConnection();
        this.data = data;
    }

    static AbortSwitch register(LiveSession live, FtpIoSession session, DataConnection data) {
        AbortSwitch s = new AbortSwitch(live, session, data);
        live.abortableBy(s);
        return s;
    }

    @Override
    public void run() {
        fired = true;
        if (data instanceof ChannelDataConnection) {
            try {
                ((ChannelDataConnection) data).channel().close();
            } catch (IOException e) {
                LOG.debug("closing an aborted data channel: {}", e.toString());
            }
        }
        // never session.getDataConnection() here: the transfer's thread holds that session's lock
        factory.closeDataConnection();
    }

    /** True when the client's ABOR stopped the transfer. */
    boolean fired() {
        return fired;
    }

    /** The transfer is over: ABOR no longer has anything to stop. */
    @Override
    public void close() {
        live.abortableBy(null);
    }
}
