package org.plugftpd.quota.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One granted change of usage, from {@link QuotaService#begin} until {@link #end}: told the bytes
 * of an upload as they are written, it may answer {@link Verdict#STOP} at the limit; the core then
 * ends the transfer with Pure-FTPd's {@code 552 Transfer aborted (quota)} and does not keep the new
 * bytes (spec/quota.md §3). The core calls {@link #end} exactly once, whatever ended the operation.
 * <p>Lifecycle: one per operation, never reused. Threading: called by one session thread at a time.
 */
@ConsumerType
public interface QuotaTicket {

    /** The answer to {@link #progress}. */
    enum Verdict { CONTINUE, STOP }

    /**
     * Bytes written so far by this upload (not counting what the file held before), after each
     * chunk. Not called for operations without a data connection. Must be quick.
     */
    default Verdict progress(long bytesWritten) {
        return Verdict.CONTINUE;
    }

    /**
     * The operation is over and {@code change} is what really changed on disk; called exactly once.
     *
     * @return lines the core adds to the reply (Pure-FTPd's usage display, spec/quota.md §4); may be empty
     */
    List<String> end(QuotaChange change);
}
