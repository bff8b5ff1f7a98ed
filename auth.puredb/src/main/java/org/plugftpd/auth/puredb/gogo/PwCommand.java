package org.plugftpd.auth.puredb.gogo;

import java.util.Arrays;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.plugftpd.auth.puredb.pw.PurePw;

/**
 * Gogo {@code ftp:pw}: pure-pw inside the running server, the same command as the offline
 * {@code bin/plugftpd pw}. A passwd change with {@code -m} rebuilds the .pdb, which the
 * authenticator picks up at the next login. Stateless, thread-safe.
 */
@Component(service = PwCommand.class, property = {"osgi.command.scope=ftp", "osgi.command.function=pw"})
public final class PwCommand {

    /** Thrown so the shell (and bin/plugftpd client) ends with a failure status; pure-pw already said why. */
    static final class PwFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PwFailed(int status) {
            super("pw: exit status " + status);
        }
    }

    @Descriptor("manage virtual users like pure-pw (useradd, usermod, userdel, passwd, show, list, mkdb);"
            + " passwords are read from the session's input, two lines")
    public void pw(CommandSession session,
            @Descriptor("pure-pw's words: <action> [<login>] [options], e.g. useradd joe -u 1000 -d /srv/joe -m")
            String... words) {
        // Gogo points System.out/err at the session's streams while the command runs
        int status = PurePw.run(Arrays.asList(words), System.getenv(), session.getKeyboard(), System.out,
                System.err, false);
        if (status != 0) {
            throw new PwFailed(status);
        }
    }
}
