package org.plugftpd.core.impl.session;

import java.net.InetSocketAddress;
import java.time.Instant;

import org.plugftpd.session.api.SessionEndedEvent;
import org.plugftpd.session.api.SessionEndedEvent.Reason;
import org.plugftpd.session.api.SessionInfo;
import org.plugftpd.session.api.SessionInfo.State;
import org.plugftpd.session.api.TlsInfo;

/**
 * The mutable scoreboard record of one control connection. Written by the session's own command
 * thread, read by anyone (ftp:who): fields are volatile and a transfer's fields are published
 * together under the object's lock so a snapshot never mixes two transfers.
 */
public final class LiveSession {
    private final long id;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final Instant start;
    private final Runnable closer;

    private volatile String login;
    private volatile boolean secure;
    private volatile TlsInfo controlTls;
    private volatile TlsInfo dataTls;
    /** Why the session is ending, once something has said so; the first reason wins. */
    private volatile Reason ending;
    private State state = State.IDLE;
    private String file = "";
    private long restartOffset;
    private long totalSize;
    private volatile long currentSize;
    private Instant transferStart;
    private volatile long uploadedBytes;
    private volatile long downloadedBytes;
    /** Stops the running transfer at once (closes its data connection); null while idle. */
    /** Guards the three fields below: ABOR's thread and the transfer's thread meet here. */
    private final Object abortLock = new Object();
    private Runnable transferAbort;
    /** A transfer command is running: from its start, before its 150, until its reply. */
    private boolean transferCommand;
    /** ABOR was read after the command started but before its data connection could be closed. */
    private boolean abortPending;

    LiveSession(long id, InetSocketAddress remote, InetSocketAddress local, Instant start, Runnable closer) {
        this.id = id;
        this.remote = remote;
        this.local = local;
        this.start = start;
        this.closer = closer;
        this.transferStart = start;
    }

    /** When the connection was accepted. */
    public Instant startTime() {
        return start;
    }

    public long id() {
        return id;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    public InetSocketAddress local() {
        return local;
    }

    /** The account name once logged in, else null. */
    public String login() {
        return login;
    }

    public void loggedIn(String account) {
        this.login = account;
    }

    /** The control connection is (now) under TLS: implicit FTPS, or AUTH TLS succeeded. */
    public void secure(boolean tls) {
        this.secure = tls;
    }

    /** The control connection's TLS state after its handshake (set by the TLS layer; null for plain). */
    public void controlTls(TlsInfo tls) {
        this.controlTls = tls;
        if (tls != null) {
            this.secure = true;
        }
    }

    /** The TLS state of the data connection just opened (null for a plain one). */
    public void dataTls(TlsInfo tls) {
        this.dataTls = tls;
    }

    /** Says why the session is about to end (QUIT, kick, idle timeout); a later reason does not replace it. */
    public synchronized void ending(Reason reason) {
        if (ending == null) {
            ending = reason;
        }
    }

    /** The session-ended notification: its last snapshot, why it ended ({@code CLOSED} when nobody said) and its totals. */
    public SessionEndedEvent ended(Instant at) {
        Reason why = ending;
        return SessionEndedEvent.builder().session(snapshot()).end(at).reason(why == null ? Reason.CLOSED : why)
                .uploadedBytes(uploadedBytes).downloadedBytes(downloadedBytes).build();
    }

    /** spec/ftpwho.md §1.2: a transfer starts; total is the file size for downloads, 0 for uploads. */
    public synchronized void transferStarted(State direction, String clientName, long restartAt, long total) {
        state = direction;
        file = clientName;
        restartOffset = restartAt;
        totalSize = total;
        currentSize = restartAt;
        transferStart = Instant.now();
    }

    /** Bytes moved so far in this transfer, including the restart offset. */
    public void progress(long doneIncludingOffset) {
        currentSize = doneIncludingOffset;
        if (state == State.UPLOAD) {
            totalSize = doneIncludingOffset;
        }
    }

    /** Back to idle; the moved bytes count toward the session's totals (ratio, QUIT message). */
    public synchronized void transferEnded(State direction, long bytesMoved) {
        if (direction == State.UPLOAD) {
            uploadedBytes += bytesMoved;
        } else if (direction == State.DOWNLOAD) {
            downloadedBytes += bytesMoved;
        }
        state = State.IDLE;
        file = "";
        restartOffset = 0;
        totalSize = 0;
        currentSize = 0;
    }

    public long uploadedBytes() {
        return uploadedBytes;
    }

    public long downloadedBytes() {
        return downloadedBytes;
    }

    void close() {
        ending(Reason.KICKED);
        closer.run();
    }

    /**
     * A transfer command (RETR, STOR, APPE, STOU) starts. From now until {@link
     * #transferCommandEnded} an ABOR read on the control connection is meant for it, even when
     * it arrives before the transfer has a data connection to close (the client may send ABOR
     * as soon as it reads the 150): such an ABOR is kept and fires when {@link #abortableBy}
     * arms the transfer.
     */
    public void transferCommandStarted() {
        synchronized (abortLock) {
            transferCommand = true;
            abortPending = false;
            transferAbort = null;
        }
    }

    /** The transfer command has answered: a later ABOR has nothing to stop. */
    public void transferCommandEnded() {
        synchronized (abortLock) {
            transferCommand = false;
            abortPending = false;
            transferAbort = null;
        }
    }

    /**
     * The running transfer says how it can be stopped from another thread (ABOR read on the
     * control connection while the transfer's own thread is busy); {@code null} when it ends.
     * When an ABOR came first, {@code abort} runs at once, on the calling thread.
     */
    public void abortableBy(Runnable abort) {
        boolean fire;
        synchronized (abortLock) {
            transferAbort = abort;
            fire = abort != null && abortPending;
            abortPending = false;
        }
        if (fire) {
            abort.run();
        }
    }

    /**
     * Stops the running transfer, if any, or marks it to be stopped as soon as it is armed;
     * true when a transfer command was running. Any thread.
     */
    public boolean abortTransfer() {
        Runnable abort;
        synchronized (abortLock) {
            abort = transferAbort;
            if (abort == null) {
                abortPending = transferCommand;
                return transferCommand;
            }
        }
        abort.run();
        return true;
    }

    public synchronized SessionInfo snapshot() {
        return SessionInfo.builder().id(id).login(login).remote(remote).local(local).state(state).file(file)
                .restartOffset(restartOffset).totalSize(totalSize).currentSize(currentSize).sessionStart(start)
                .transferStart(transferStart).secure(secure).controlTls(controlTls).dataTls(dataTls).build();
    }
}
