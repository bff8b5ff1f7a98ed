package org.plugftpd.core.impl.engine;

import java.util.List;

import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.plugftpd.core.impl.session.LiveSession;
import org.plugftpd.session.api.SessionEndedEvent;

/** QUIT with Pure-FTPd's farewell: the session's totals in kbytes, rounded up (spec/server-behaviour.md §3). */
final class QuitCommand extends AbstractCommand {

    @Override
    public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        session.resetState();
        LiveSession live = EngineContext.live(session);
        if (live != null) {
            live.ending(SessionEndedEvent.Reason.QUIT);
        }
        long up = live == null ? 0 : live.uploadedBytes();
        long down = live == null ? 0 : live.downloadedBytes();
        session.write(new PureReply(221, List.of(
                "Goodbye. You uploaded " + kbytes(up) + " and downloaded " + kbytes(down) + " kbytes.", "Logout.")));
        session.closeOnFlush();
    }

    private static long kbytes(long bytes) {
        return (bytes + 1023) / 1024;
    }
}
