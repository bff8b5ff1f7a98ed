package org.plugftpd.core.impl.data;

import java.io.IOException;

/**
 * No data connection could be had; carries the reply Pure-FTPd gives in that case (code and text),
 * so the command that asked can answer with it as it is.
 */
public final class DataUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int replyCode;

    DataUnavailableException(int replyCode, String replyText) {
        super(replyText);
        this.replyCode = replyCode;
    }

    DataUnavailableException(int replyCode, String replyText, Throwable cause) {
        super(replyText, cause);
        this.replyCode = replyCode;
    }

    /** 425 in every case today (Pure-FTPd's code for "no data connection"). */
    public int replyCode() {
        return replyCode;
    }

    /** The reply text, e.g. {@code No data connection} or {@code Could not open data connection to port 2000: Connection refused}. */
    public String replyText() {
        return getMessage();
    }
}
