package org.plugftpd.core.impl.server;

/** A configuration value that cannot be used; names the key so the log line is actionable. */
public final class InvalidSettingException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidSettingException(String key, Object value, String reason) {
        super(ServerConfig.PID + ": " + key + "=" + value + " rejected: " + reason);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
