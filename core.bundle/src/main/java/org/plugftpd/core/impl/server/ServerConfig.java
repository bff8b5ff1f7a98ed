package org.plugftpd.core.impl.server;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The {@code plugftpd.server} configuration ({@code etc/plugftpd.server.cfg}). */
@ObjectClassDefinition(id = ServerConfig.PID, name = "plugftpd server",
        description = "Listener, limits, anonymous area and greeting of the FTP server")
public @interface ServerConfig {

    String PID = "plugftpd.server";

    @AttributeDefinition(description = "Address to listen on; empty = every interface")
    String address() default "";

    @AttributeDefinition(description = "Control port; 0 binds a free one (see ftp:status)")
    int port() default 2121;

    @AttributeDefinition(description = "Passive data ports, e.g. 30000-30100; empty = any free port")
    String passivePorts() default "30000-30100";

    @AttributeDefinition(description = "Address announced in PASV replies (behind NAT); empty = the control connection's")
    String externalAddress() default "";

    @AttributeDefinition(description = "Max simultaneous clients (Pure-FTPd -c)")
    int maxClients() default 50;

    @AttributeDefinition(description = "Max simultaneous clients from one address (Pure-FTPd -C, 8 as in its pure-ftpd.conf); 0 = no limit")
    int maxClientsPerIp() default 8;

    @AttributeDefinition(description = "Default max sessions per account (Pure-FTPd -y); 0 = no limit")
    int maxSessionsPerUser() default 0;

    @AttributeDefinition(description = "Seconds of inactivity before a client is disconnected (Pure-FTPd -I)")
    int idleTimeout() default 900;

    @AttributeDefinition(description = "Seconds a client may take to send one command line or to read back its replies")
    int lineTimeout() default 30;

    @AttributeDefinition(description = "Seconds from connecting to a successful login")
    int loginTimeout() default 60;

    @AttributeDefinition(description = "Text of the first greeting line; empty = no welcome line")
    String banner() default "Welcome to plugftpd";

    @AttributeDefinition(description = "Allow anonymous logins (USER ftp / anonymous)")
    boolean anonymous() default false;

    @AttributeDefinition(description = "Directory anonymous users are jailed in")
    String anonymousRoot() default "data/pub";

    @AttributeDefinition(description = "Anonymous users may only read")
    boolean anonymousReadOnly() default true;

    @AttributeDefinition(description = "Create a missing home directory at login (Pure-FTPd -j)")
    boolean createHome() default true;

    @AttributeDefinition(description = "Failed logins before the connection is dropped")
    int maxLoginFailures() default 5;

    @AttributeDefinition(description = "Milliseconds before a failed login is answered")
    int loginFailureDelay() default 1500;

    @AttributeDefinition(description = "Events held for absent listeners before they are counted as dropped")
    int eventQueueCapacity() default 10000;

    @AttributeDefinition(description = "Data connections only from (PASV) and to (PORT) the control connection's address; false allows FXP")
    boolean dataAddressCheck() default true;

    @AttributeDefinition(description = "Seconds a passive port waits for its client, an active connect may take, an upload may stall")
    int dataTimeout() default 120;

    @AttributeDefinition(description = "SO_SNDBUF/SO_RCVBUF of data sockets in bytes; 0 = the kernel's autotuning")
    int dataSocketBuffer() default 1048576;
    @AttributeDefinition(description = "Most entries one listing shows, then 'Output truncated' (Pure-FTPd -L, first part)")
    int maxListFiles() default 10000;

    @AttributeDefinition(description = "Directory levels a recursive listing (LIST -R, NLST -R) shows, the top one included (Pure-FTPd -L, second part)")
    int maxListDepth() default 5;

    @AttributeDefinition(description = "Milliseconds a feature service's call (authenticator, quota, upload veto) may take; 0 = no limit")
    int serviceTimeout() default 10_000;

    @AttributeDefinition(description = "When the quota fails or overruns its time: closed refuses the write (451), open lets it through uncounted",
            options = {@Option(label = "closed", value = "closed"), @Option(label = "open", value = "open")})
    String quotaFailure() default "closed";

    @AttributeDefinition(description = "When an upload veto fails or overruns its time: closed refuses the upload (451), open skips it",
            options = {@Option(label = "closed", value = "closed"), @Option(label = "open", value = "open")})
    String uploadVetoFailure() default "closed";

    @AttributeDefinition(description = "Feature services the site requires (quota, uploadVeto, authenticator): until bound, new connections get 421", required = false)
    String requiredServices() default "";

    @AttributeDefinition(description = "Milliseconds logins and writes wait for a required service that went away (a bundle update)")
    int requiredServiceGrace() default 10_000;

    @AttributeDefinition(description = "TLS on the control connection: off (this release serves plain FTP only)")
    String tls() default "off";
}
