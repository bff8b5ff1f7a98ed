package org.plugftpd.quota.api;

import java.util.Objects;

/**
 * What really changed on disk when a granted operation ended, however it ended: the change in
 * files and bytes of the account's usage (negative for removals), the bytes that came over the
 * data connection and how it ended. Immutable; build one with {@link #builder(Outcome)}.
 */
public final class QuotaChange {

    /** How the operation ended. */
    public enum Outcome {
        /** Done as asked (the upload complete, the file deleted, the directory made...). */
        COMPLETED,
        /** The client sent ABOR during the transfer. */
        CLIENT_ABORT,
        /** The data or control connection broke, or the server stopped, during the transfer. */
        CONNECTION_LOST,
        /** The ticket answered {@link QuotaTicket.Verdict#STOP}. */
        QUOTA_EXCEEDED,
        /** The disk refused a write (full, read-only, I/O error). */
        STORAGE_FAILURE,
        /** Nothing was changed: the operation failed before it touched the disk, or was refused later. */
        NOT_DONE
    }

    private final Outcome outcome;
    private final long filesDelta;
    private final long bytesDelta;
    private final long bytesTransferred;

    private QuotaChange(Builder b) {
        this.outcome = b.outcome;
        this.filesDelta = b.filesDelta;
        this.bytesDelta = b.bytesDelta;
        this.bytesTransferred = b.bytesTransferred;
    }

    public static Builder builder(Outcome outcome) {
        return new Builder(outcome);
    }

    /** Nothing changed on disk. */
    public static QuotaChange none(Outcome outcome) {
        return builder(outcome).build();
    }

    public Outcome outcome() { return outcome; }
    /** Files (and directories) added, negative when removed. */
    public long filesDelta() { return filesDelta; }
    /** Bytes added to the account's usage, negative when removed. */
    public long bytesDelta() { return bytesDelta; }
    /** Bytes received over the data connection (0 for operations without one). */
    public long bytesTransferred() { return bytesTransferred; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof QuotaChange)) {
            return false;
        }
        QuotaChange c = (QuotaChange) o;
        return outcome == c.outcome && filesDelta == c.filesDelta && bytesDelta == c.bytesDelta
                && bytesTransferred == c.bytesTransferred;
    }

    @Override
    public int hashCode() {
        return Objects.hash(outcome, filesDelta, bytesDelta, bytesTransferred);
    }

    @Override
    public String toString() {
        return outcome + " files " + filesDelta + " bytes " + bytesDelta + " (" + bytesTransferred + " transferred)";
    }

    /** Builds a {@link QuotaChange}; not thread-safe. */
    public static final class Builder {
        private final Outcome outcome;
        private long filesDelta;
        private long bytesDelta;
        private long bytesTransferred;

        private Builder(Outcome outcome) {
            this.outcome = Objects.requireNonNull(outcome, "outcome");
        }

        public Builder filesDelta(long files) { this.filesDelta = files; return this; }
        public Builder bytesDelta(long bytes) { this.bytesDelta = bytes; return this; }
        public Builder bytesTransferred(long bytes) { this.bytesTransferred = bytes; return this; }

        public QuotaChange build() {
            return new QuotaChange(this);
        }
    }
}
