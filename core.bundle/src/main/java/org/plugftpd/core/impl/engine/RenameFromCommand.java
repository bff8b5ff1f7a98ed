package org.plugftpd.core.impl.engine;

import java.io.IOException;

import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;

/**
 * RNFR as Pure-FTPd answers it ({@code dornfr}): the source must exist (an lstat, so a link is
 * renamed itself) or the client hears {@code 550 Sorry, but that file doesn't exist} at once,
 * instead of FtpServer's {@code 350} for any name. RNTO (FtpServer's, or the transfer package's)
 * then renames the remembered file. Stateless.
 */
final class RenameFromCommand extends AbstractCommand {

    @Override
    public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) throws IOException {
        session.resetState();
        String name = request.getArgument();
        if (name == null || name.isEmpty()) {
            session.write(new PureReply(501, "No file name"));
            return;
        }
        FtpFile file;
        try {
            file = session.getFileSystemView().getFile(name);
        } catch (Exception e) {
            file = null;
        }
        if (file == null || !file.doesExist()) {
            session.write(new PureReply(550, "Sorry, but that file doesn't exist"));
            return;
        }
        session.setRenameFrom(file);
        session.write(new PureReply(350, "RNFR accepted - file exists, ready for destination"));
    }
}
