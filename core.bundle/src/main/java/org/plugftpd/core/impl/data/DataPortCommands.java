package org.plugftpd.core.impl.data;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;

/** PASV, EPSV, PORT and EPRT with Pure-FTPd 1.0.50's replies (ftpd.c dopasv/doport2/doeprt). Stateless. */
final class DataPortCommands {

    AbstractCommand passive() {
        return command((session, data, request) -> {
            data.closeDataConnection();
            if (data.localAddress() instanceof Inet6Address) {
                return new DataReply(425, "You cannot use PASV on IPv6 connections. Use EPSV instead.");
            }
            InetSocketAddress bound = data.openPassive();
            InetAddress shown = data.configuration().externalAddress();
            if (shown == null) {
                shown = bound.getAddress();
            }
            if (shown instanceof Inet6Address) {
                data.closeDataConnection();
                return new DataReply(425, "Please use an IPv6-conformant client with EPSV support");
            }
            byte[] a = shown.getAddress();
            int p = bound.getPort();
            // the exact form NAT helpers parse: never translated
            return new DataReply(227, "Entering Passive Mode (" + (a[0] & 255) + "," + (a[1] & 255) + ","
                    + (a[2] & 255) + "," + (a[3] & 255) + "," + (p >> 8) + "," + (p & 255) + ")");
        });
    }

    AbstractCommand extendedPassive() {
        return command((session, data, request) -> {
            if ("ALL".equalsIgnoreCase(String.valueOf(request.getArgument()).trim())) {
                data.passiveOnly();
                return new DataReply(220, "Active mode is disabled");
            }
            InetSocketAddress bound = data.openPassive();
            return new DataReply(229, "Extended Passive mode OK (|||" + bound.getPort() + "|)");
        });
    }

    AbstractCommand port() {
        return command((session, data, request) -> active(data, PortArgument.port(request.getArgument())));
    }

    AbstractCommand extendedPort() {
        return command((session, data, request) -> active(data, PortArgument.extended(request.getArgument())));
    }

    private static DataReply active(SessionDataConnections data, InetSocketAddress target) {
        if (data.isPassiveOnly()) {
            return new DataReply(501, "Active mode is disabled");
        }
        // like a PASV, a PORT ends what the session had prepared
        data.closeDataConnection();
        DataReply refusal = PortArgument.refusal(target, data.remoteAddress(), data.policy().addressCheck());
        if (refusal != null) {
            return refusal;
        }
        data.initActiveDataConnection(target);
        return new DataReply(200, "PORT command successful");
    }

    private interface Body {
        DataReply run(FtpIoSession session, SessionDataConnections data, FtpRequest request)
                throws DataUnavailableException;
    }

    private static AbstractCommand command(Body body) {
        return new AbstractCommand() {
            @Override
            public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) {
                session.resetState();
                if (!(session.getDataConnection() instanceof SessionDataConnections)) {
                    session.write(new DataReply(425, "Can't create the data socket"));
                    return;
                }
                DataReply reply;
                try {
                    reply = body.run(session, (SessionDataConnections) session.getDataConnection(), request);
                } catch (DataUnavailableException e) {
                    reply = new DataReply(e.replyCode(), e.replyText());
                }
                session.write(reply);
            }
        };
    }
}
