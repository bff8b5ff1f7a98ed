package org.plugftpd.core.impl.engine;

import java.io.IOException;

import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.plugftpd.core.impl.data.DataConnections;

/**
 * What every command that uses a data connection shares (transfers, listings): the session state
 * reset and the data connection closed when it ends, and the check that PASV/PORT came first.
 * Stateless.
 */
public final class DataCommand {

    /** The work of one data command. */
    public interface Body {
        void run(FtpIoSession session, FtpServerContext context, FtpRequest request) throws IOException;
    }

    private DataCommand() {
    }

    /** A command that runs {@code body}, then resets the session's state and closes the data connection. */
    public static AbstractCommand command(Body body) {
        return new AbstractCommand() {
            @Override
            public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) throws IOException {
                try {
                    body.run(session, context, request);
                } finally {
                    session.resetState();
                    session.getDataConnection().closeDataConnection();
                }
            }
        };
    }

    /** PASV/PORT must come first (FtpServer checks the same; its reply text differs). */
    public static boolean dataConnectionPrepared(FtpIoSession session) {
        if (!DataConnections.prepared(session)) {
            session.write(new PureReply(425, "No data connection"));
            return false;
        }
        return true;
    }
}
