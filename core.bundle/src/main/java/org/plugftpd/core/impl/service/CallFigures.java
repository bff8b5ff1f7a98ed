package org.plugftpd.core.impl.service;

/** Calls, failures (thrown or timed out), time-outs and total time of one feature service. Immutable. */
public final class CallFigures {
    private final String service;
    private final long calls;
    private final long failures;
    private final long timeouts;
    private final long totalMicros;

    CallFigures(String service, long calls, long failures, long timeouts, long totalMicros) {
        this.service = service;
        this.calls = calls;
        this.failures = failures;
        this.timeouts = timeouts;
        this.totalMicros = totalMicros;
    }

    /** e.g. {@code QuotaService org.plugftpd.quota}. */
    public String service() { return service; }
    public long calls() { return calls; }
    public long failures() { return failures; }
    public long timeouts() { return timeouts; }
    public long totalMicros() { return totalMicros; }

    /** One line for ftp:status. */
    public String line() {
        double avg = calls == 0 ? 0 : totalMicros / 1000.0 / calls;
        return String.format(java.util.Locale.ROOT, "%s: %d calls, %d failures (%d timed out), %.3f ms average",
                service, calls, failures, timeouts, avg);
    }

    @Override
    public String toString() {
        return line();
    }
}
