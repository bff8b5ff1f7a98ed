package org.plugftpd.core.impl.data;

import org.apache.ftpserver.ftplet.FtpReply;

/** A one-line reply of the data-connection commands. Immutable. */
final class DataReply implements FtpReply {
    private final int code;
    private final String text;
    private final long sentTime = System.currentTimeMillis();

    DataReply(int code, String text) {
        // a reply line never carries a line break (addresses come from the client)
        this.code = code;
        this.text = text.replace('\r', ' ').replace('\n', ' ');
    }

    @Override
    public int getCode() {
        return code;
    }

    @Override
    public String getMessage() {
        return text;
    }

    @Override
    public long getSentTime() {
        return sentTime;
    }

    @Override
    public boolean isPositive() {
        return code < 400;
    }

    @Override
    public String toString() {
        return code + " " + text + "\r\n";
    }
}
