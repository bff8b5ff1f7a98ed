package org.plugftpd.core.impl.limits;

import java.net.InetAddress;
import java.time.LocalTime;

import org.plugftpd.auth.api.Account;

/**
 * The per-account checks that are the server's job, each as Pure-FTPd 1.0.50 decides it:
 * addresses and time window at login (spec/passwd.md §2.2 steps 10–11), the download ratio before
 * a download. Stateless.
 */
public final class AccountLimits {

    private AccountLimits() {
    }

    /** Client address against fields 16/17, the server address it reached against fields 14/15. */
    public static boolean addressesAllow(Account account, InetAddress client, InetAddress local) {
        return AddressRule.permits(account.allowedLocalAddresses(), account.deniedLocalAddresses(), local)
                && AddressRule.permits(account.allowedClientAddresses(), account.deniedClientAddresses(), client);
    }

    /** Field 18: inside the window, both ends included; a window with begin after end spans midnight. */
    public static boolean timeAllows(Account account, LocalTime now) {
        if (!account.hasTimeWindow()) {
            return true;
        }
        int clock = now.getHour() * 100 + now.getMinute();
        int begin = account.timeBegin();
        int end = account.timeEnd();
        return begin <= end ? clock >= begin && clock <= end : clock >= begin || clock <= end;
    }

    /**
     * Ratio: a download may start when what the session has downloaded plus this file stays within
     * what it uploaded times download/upload.
     */
    public static boolean ratioAllows(Account account, long uploaded, long downloaded, long wanted) {
        if (!account.hasRatio()) {
            return true;
        }
        // (downloaded + wanted) / dl <= uploaded / ul, in integers without overflow for sane sizes
        double allowed = (double) uploaded * account.downloadRatio() / account.uploadRatio();
        return downloaded + wanted <= allowed;
    }
}
