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

    @AttributeDefinition(description = "Max simultaneous clients from one address (Pure-FTPd -C); 0 = no limit")
    int maxClientsPerIp() default 0;

    @AttributeDefinition(description = "Default max sessions per account (Pure-FTPd -y); 0 = no limit")
    int maxSessionsPerUser() default 0;

    @AttributeDefinition(description = "Seconds of inactivity before a client is disconnected (Pure-FTPd -I)")
    int idleTimeout() default 900;

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
