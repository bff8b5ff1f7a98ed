package org.plugftpd.core.impl.engine;

import java.nio.file.Path;
import java.util.List;

import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.AuthorizationRequest;
import org.apache.ftpserver.ftplet.User;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginRequest;
import org.apache.ftpserver.usermanager.impl.TransferRateRequest;
import org.apache.ftpserver.usermanager.impl.WriteRequest;
import org.plugftpd.auth.api.Account;
import org.plugftpd.core.impl.fs.JailedUser;

/**
 * The engine's view of a logged-in account: the jail it lives in, whether it may write, and the
 * bandwidth FtpServer's data connection enforces. One per session; immutable.
 */
public final class SessionUser implements User, JailedUser {
    private final Account account;
    private final boolean anonymous;
    private final Path jailRoot;
    private final String startDirectory;
    private final boolean writable;
    private final int idleSeconds;

    SessionUser(Account account, boolean anonymous, Path jailRoot, String startDirectory, boolean writable,
            int idleSeconds) {
        this.account = account;
        this.anonymous = anonymous;
        this.jailRoot = jailRoot;
        this.startDirectory = startDirectory;
        this.writable = writable;
        this.idleSeconds = idleSeconds;
    }

    public Account account() {
        return account;
    }

    public boolean anonymous() {
        return anonymous;
    }

    @Override
    public Path jailRoot() {
        return jailRoot;
    }

    @Override
    public String startDirectory() {
        return startDirectory;
    }

    @Override
    public boolean writable() {
        return writable;
    }

    @Override
    public String getName() {
        return account.login();
    }

    @Override
    public String getPassword() {
        // never kept: authentication happened in the chain
        return null;
    }

    @Override
    public List<? extends Authority> getAuthorities() {
        return List.of();
    }

    @Override
    public List<? extends Authority> getAuthorities(Class<? extends Authority> clazz) {
        return List.of();
    }

    @Override
    public AuthorizationRequest authorize(AuthorizationRequest request) {
        if (request instanceof WriteRequest) {
            return writable ? request : null;
        }
        if (request instanceof TransferRateRequest) {
            TransferRateRequest rate = (TransferRateRequest) request;
            rate.setMaxDownloadRate(clampRate(account.downloadBandwidth()));
            rate.setMaxUploadRate(clampRate(account.uploadBandwidth()));
            return rate;
        }
        if (request instanceof ConcurrentLoginRequest) {
            // the session limits are enforced at PASS, with Pure-FTPd's replies
            return request;
        }
        return null;
    }

    private static int clampRate(long bytesPerSecond) {
        return bytesPerSecond <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, bytesPerSecond);
    }

    @Override
    public int getMaxIdleTime() {
        return idleSeconds;
    }

    @Override
    public boolean getEnabled() {
        return true;
    }

    @Override
    public String getHomeDirectory() {
        return jailRoot.toString();
    }
}
