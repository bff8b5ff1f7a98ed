package org.plugftpd.core.impl.events;

/**
 * What ftp:status shows for one listener lane: which listener, whether one is bound right now, and
 * its counts. Immutable snapshot; counts are consistent per lane, not across lanes.
 */
public final class LaneFigures {
    private final String kind;
    private final String identity;
    private final String description;
    private final boolean present;
    private final long delivered;
    private final int backlog;
    private final long dropped;
    private final long failures;

    LaneFigures(String kind, String identity, String description, boolean present, long delivered, int backlog,
            long dropped, long failures) {
        this.kind = kind;
        this.identity = identity;
        this.description = description;
        this.present = present;
        this.delivered = delivered;
        this.backlog = backlog;
        this.dropped = dropped;
        this.failures = failures;
    }

    /** {@code TransferListener}, {@code UploadListener} or {@code SessionListener}. */
    public String kind() { return kind; }
    /** The listener's identity: its {@code service.pid}, else its {@code component.name}. */
    public String identity() { return identity; }
    /** Kind, bundle, version and pid of the listener last bound. */
    public String description() { return description; }
    /** A listener is bound right now (false while its bundle is updated or its component restarts). */
    public boolean present() { return present; }
    public long delivered() { return delivered; }
    /** Events queued and not yet handed over, the one being delivered included. */
    public int backlog() { return backlog; }
    public long dropped() { return dropped; }
    /** Deliveries in which the listener threw. */
    public long failures() { return failures; }

    @Override
    public String toString() {
        return String.format("%s%s: delivered %d, backlog %d, dropped %d, failures %d", description,
                present ? "" : " (away)", delivered, backlog, dropped, failures);
    }
}
