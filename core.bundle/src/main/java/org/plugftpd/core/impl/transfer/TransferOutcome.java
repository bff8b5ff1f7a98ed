package org.plugftpd.core.impl.transfer;

import java.io.IOException;

import org.plugftpd.quota.api.QuotaChange;

/** How one transfer ended, as its reply, its quota ticket and its event tell it. */
enum TransferOutcome {
    COMPLETED(QuotaChange.Outcome.COMPLETED),
    /** ABOR from the client (the control layer closed the data socket). */
    CLIENT_ABORT(QuotaChange.Outcome.CLIENT_ABORT),
    /** The data or control connection broke, or the server stopped. */
    CONNECTION_LOST(QuotaChange.Outcome.CONNECTION_LOST),
    /** The quota's ticket said stop. */
    QUOTA_EXCEEDED(QuotaChange.Outcome.QUOTA_EXCEEDED),
    /** The quota failed mid-transfer under quotaFailure=closed. */
    QUOTA_FAILED(QuotaChange.Outcome.NOT_DONE),
    /** The file could not be written or read (full disk, I/O error). */
    STORAGE_FAILURE(QuotaChange.Outcome.STORAGE_FAILURE);

    final QuotaChange.Outcome quota;

    TransferOutcome(QuotaChange.Outcome quota) {
        this.quota = quota;
    }

    /** Classifies a finished copy; {@code failure} is null when the copy returned normally. */
    static TransferOutcome of(ByteMover mover, IOException failure, boolean aborted, boolean quotaFailed) {
        if (mover.stopped()) {
            return quotaFailed ? QUOTA_FAILED : QUOTA_EXCEEDED;
        }
        if (failure == null) {
            return COMPLETED;
        }
        if (mover.storageError() != null) {
            return STORAGE_FAILURE;
        }
        return aborted ? CLIENT_ABORT : CONNECTION_LOST;
    }
}
