package org.plugftpd.core.impl.engine;

import org.apache.ftpserver.ftplet.FtpReply;

/** What plugftpd's replies share: the code, the time, and single-line text. Subclasses frame the lines. */
public abstract class FramedReply implements FtpReply {
    private final int code;
    private final long sentTime = System.currentTimeMillis();

    FramedReply(int code) {
        this.code = code;
    }

    @Override
    public final int getCode() {
        return code;
    }

    @Override
    public final long getSentTime() {
        return sentTime;
    }

    @Override
    public final boolean isPositive() {
        return code < 400;
    }

    /** A reply line must never carry a raw line break (client-supplied names end up in replies). */
    static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }
}
