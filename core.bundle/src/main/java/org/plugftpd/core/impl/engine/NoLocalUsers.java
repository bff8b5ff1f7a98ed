package org.plugftpd.core.impl.engine;

import org.apache.ftpserver.ftplet.Authentication;
import org.apache.ftpserver.ftplet.AuthenticationFailedException;
import org.apache.ftpserver.ftplet.User;
import org.apache.ftpserver.ftplet.UserManager;

/**
 * FtpServer insists on a UserManager; plugftpd's PASS never asks it (accounts come from the auth
 * chain). It knows nobody, and nobody is FtpServer's "admin", which keeps SITE WHO/STAT closed.
 */
final class NoLocalUsers implements UserManager {

    @Override
    public User getUserByName(String username) {
        return null;
    }

    @Override
    public String[] getAllUserNames() {
        return new String[0];
    }

    @Override
    public void delete(String username) {
        // nothing to delete
    }

    @Override
    public void save(User user) {
        throw new UnsupportedOperationException("accounts are managed by the auth bundles");
    }

    @Override
    public boolean doesExist(String username) {
        return false;
    }

    @Override
    public User authenticate(Authentication authentication) throws AuthenticationFailedException {
        throw new AuthenticationFailedException("plugftpd authenticates through its auth chain");
    }

    @Override
    public String getAdminName() {
        return "";
    }

    @Override
    public boolean isAdmin(String username) {
        return false;
    }
}
