package org.plugftpd.core.impl.who;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.function.Function;

import org.plugftpd.session.api.SessionInfo;

/**
 * One session as pure-ftpwho sees it after reading its scoreboard record: the clamped sizes,
 * elapsed seconds, rates and host texts every output format shares (spec/ftpwho.md §3).
 * Immutable, thread-safe.
 */
final class WhoEntry {

    /** spec/ftpwho.md §1.1: Debian's MAX_USER_LENGTH, the account bytes a record can hold. */
    static final int MAX_ACCOUNT_BYTES = 128;
    /** spec/ftpwho.md §1.1: a record keeps at most the last 1023 bytes of a file name. */
    static final int MAX_FILE_NAME_BYTES = 1023;

    final long pid;
    final String account;
    final String stateLabel;
    final String file;
    final long sinceSeconds;
    final long transferSeconds;
    final long restartOffset;
    final long totalBytes;
    final long currentBytes;
    final String host;
    final String localHost;
    final String localPort;

    private WhoEntry(SessionInfo session, Instant now, boolean numericHosts,
            Function<InetAddress, String> resolver) {
        long nowSeconds = now.getEpochSecond();
        long startSeconds = session.sessionStart().getEpochSecond();
        long transferStartSeconds = session.transferStart().getEpochSecond();
        this.pid = session.id();
        this.account = keepFirstBytes(session.login(), MAX_ACCOUNT_BYTES);
        this.stateLabel = stateLabel(session.state());
        this.file = keepLastBytes(session.file(), MAX_FILE_NAME_BYTES);
        // spec/ftpwho.md §3: clocks that moved backwards show 0, never a negative age.
        this.sinceSeconds = startSeconds < nowSeconds ? nowSeconds - startSeconds : 0;
        this.transferSeconds = transferStartSeconds > 0 && transferStartSeconds < nowSeconds
                ? nowSeconds - transferStartSeconds : 0;
        boolean transferring = session.state() != SessionInfo.State.IDLE;
        this.currentBytes = transferring ? session.currentSize() : 0;
        // spec/ftpwho.md §3: for uploads the record's "total" is the bytes so far, so it is dropped.
        this.totalBytes = session.state() == SessionInfo.State.DOWNLOAD ? session.totalSize() : 0;
        this.restartOffset = session.restartOffset() > currentBytes ? 0 : session.restartOffset();
        this.host = HostNames.hostText(address(session.remote()), numericHosts, resolver);
        this.localHost = HostNames.hostText(address(session.local()), numericHosts, resolver);
        this.localPort = Integer.toString(session.local().getPort());
    }

    static WhoEntry of(SessionInfo session, Instant now, boolean numericHosts,
            Function<InetAddress, String> resolver) {
        return new WhoEntry(session, now, numericHosts, resolver);
    }

    /** Rounded percentage done, capped at 100; 0 when the total is unknown. */
    int percent() {
        if (totalBytes <= 0) {
            return 0;
        }
        // spec/ftpwho.md §3: computed in floating point, then +0.5 and truncated.
        int rounded = (int) ((double) currentBytes * 100.0 / (double) totalBytes + 0.5);
        return Math.min(rounded, 100);
    }

    /** Bytes per second of the current transfer, excluding the resumed part; 0 when not computable. */
    long bytesPerSecond() {
        return transferSeconds > 0 ? (currentBytes - restartOffset) / transferSeconds : 0;
    }

    /** Kilobytes per second as the HTML and shell formats print it (integer division of bytes). */
    long kilobytesPerSecond() {
        return transferSeconds > 0 ? (currentBytes - restartOffset) / (transferSeconds * 1024) : 0;
    }

    private static String stateLabel(SessionInfo.State state) {
        switch (state) {
            case IDLE:
                return "IDLE";
            case DOWNLOAD:
                return " DL ";
            case UPLOAD:
                return " UL ";
            default:
                return "ERR!";
        }
    }

    private static InetAddress address(InetSocketAddress socketAddress) {
        InetAddress address = socketAddress.getAddress();
        if (address == null) {
            throw new IllegalArgumentException("unresolved socket address in session: " + socketAddress);
        }
        return address;
    }

    /** Keeps the first {@code limit} UTF-8 bytes, never splitting a character. */
    static String keepFirstBytes(String text, int limit) {
        if (utf8Length(text) <= limit) {
            return text;
        }
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = utf8Length(codePoint);
            if (bytes + size > limit) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    /** Keeps the last {@code limit} UTF-8 bytes, never splitting a character. */
    static String keepLastBytes(String text, int limit) {
        if (utf8Length(text) <= limit) {
            return text;
        }
        int bytes = 0;
        int start = text.length();
        while (start > 0) {
            int codePoint = text.codePointBefore(start);
            int size = utf8Length(codePoint);
            if (bytes + size > limit) {
                break;
            }
            bytes += size;
            start -= Character.charCount(codePoint);
        }
        return text.substring(start);
    }

    /** Length in bytes of the text as the server received it (UTF-8). */
    static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            length += utf8Length(codePoint);
            i += Character.charCount(codePoint);
        }
        return length;
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        // Java's UTF-8 encoder writes an unpaired surrogate as one '?' byte.
        if (codePoint <= 0xffff && Character.isSurrogate((char) codePoint)) {
            return 1;
        }
        if (codePoint < 0x10000) {
            return 3;
        }
        return 4;
    }
}
