package org.plugftpd.core.impl.control;

import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.impl.DefaultFtpRequest;
import org.apache.ftpserver.impl.FtpHandler;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.logging.MdcInjectionFilter;

/**
 * Hands MINA's events to FtpServer's {@link FtpHandler} as FtpServer's own adapter does, with the
 * lines of {@link ControlLineFilter}: a line becomes the same {@link DefaultFtpRequest} FtpServer's
 * decoder made, a bad line gets its reply in its place, and no line runs for a session that is
 * closing or discarding its input (a client that left, a refused connection, input pipelined
 * behind a failed login). Runs on the ordered executor's threads. Thread-safe.
 */
public final class ControlHandlerAdapter extends IoHandlerAdapter {
    private final FtpServerContext context;
    private final FtpHandler handler;
    private final ControlLineFilter lines;

    public ControlHandlerAdapter(FtpServerContext context, FtpHandler handler, ControlLineFilter lines) {
        this.context = context;
        this.handler = handler;
        this.lines = lines;
    }

    @Override
    public void messageReceived(IoSession session, Object message) throws Exception {
        try {
            FtpIoSession ftp = new FtpIoSession(session, context);
            if (message == ControlSignal.TOO_LONG) {
                // spec: Pure-FTPd answers "Line too long" and ends the session (ftp_parser.c, sfgets)
                ftp.write(new DefaultFtpReply(FtpReply.REPLY_500_SYNTAX_ERROR_COMMAND_UNRECOGNIZED, "Line too long"));
                ftp.closeOnFlush();
                return;
            }
            if (ControlLineFilter.discarding(session)) {
                return;
            }
            if (message == ControlSignal.UNDECODABLE) {
                ftp.updateLastAccessTime();
                ftp.write(new DefaultFtpReply(FtpReply.REPLY_501_SYNTAX_ERROR_IN_PARAMETERS_OR_ARGUMENTS,
                        "Invalid character in command"));
                return;
            }
            handler.messageReceived(ftp, new DefaultFtpRequest(message.toString()));
        } finally {
            ControlLineFilter.lineDone(session, lines.maxLinesInFlight());
        }
    }

    @Override
    public void sessionCreated(IoSession session) throws Exception {
        FtpIoSession ftp = new FtpIoSession(session, context);
        MdcInjectionFilter.setProperty(session, "session", ftp.getSessionId().toString());
        handler.sessionCreated(ftp);
    }

    @Override
    public void sessionOpened(IoSession session) throws Exception {
        handler.sessionOpened(new FtpIoSession(session, context));
    }

    @Override
    public void sessionClosed(IoSession session) throws Exception {
        handler.sessionClosed(new FtpIoSession(session, context));
    }

    @Override
    public void sessionIdle(IoSession session, IdleStatus status) throws Exception {
        handler.sessionIdle(new FtpIoSession(session, context), status);
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) throws Exception {
        handler.exceptionCaught(new FtpIoSession(session, context), cause);
    }

    @Override
    public void messageSent(IoSession session, Object message) throws Exception {
        if (message instanceof FtpReply) {
            handler.messageSent(new FtpIoSession(session, context), (FtpReply) message);
        }
    }
}
