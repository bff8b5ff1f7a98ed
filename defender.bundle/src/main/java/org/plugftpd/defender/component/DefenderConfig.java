package org.plugftpd.defender.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/plugftpd.defender.cfg}: the brute-force defender's rules. Times in seconds. */
@ObjectClassDefinition(id = DefenderConfig.PID, name = "plugftpd defender",
        description = "Bans addresses whose failed logins, unknown users, protocol errors and connection bursts"
                + " reach a score within a window")
public @interface DefenderConfig {

    String PID = "plugftpd.defender";

    @AttributeDefinition(description = "Points for a refused login of a known account (0 = not counted)")
    int scoreLoginFailed() default 1;

    @AttributeDefinition(description = "Points for a login naming an unknown account")
    int scoreUnknownUser() default 2;

    @AttributeDefinition(description = "Points for a malformed or over-long command line")
    int scoreProtocolError() default 1;

    @AttributeDefinition(description = "Points for each connection beyond burstConnections within burstWindow")
    int scoreConnectionBurst() default 1;

    @AttributeDefinition(description = "Connections from one address allowed within burstWindow before each"
            + " further one scores")
    int burstConnections() default 20;

    @AttributeDefinition(description = "Seconds over which connections are counted for bursts")
    long burstWindow() default 10;

    @AttributeDefinition(description = "Score that bans an address")
    int threshold() default 15;

    @AttributeDefinition(description = "Seconds over which the score is summed (a sliding window)")
    long window() default 300;

    @AttributeDefinition(description = "Seconds of the first ban; each repeat doubles it")
    long banTime() default 1800;

    @AttributeDefinition(description = "Seconds a ban lasts at most")
    long banTimeMax() default 86400;

    @AttributeDefinition(description = "Seconds after a ban ended when its repeat count is forgotten")
    long forgetAfter() default 86400;

    @AttributeDefinition(description = "Addresses or CIDR blocks never scored nor banned (comma-separated)")
    String[] allow() default {};

    @AttributeDefinition(description = "Addresses or CIDR blocks always refused (comma-separated)")
    String[] deny() default {};

    @AttributeDefinition(description = "IPv6 addresses are scored and banned by this prefix (128 = each address)")
    int ipv6Prefix() default 64;

    @AttributeDefinition(description = "Addresses whose scores are kept at most (the least recent are dropped)")
    int maxTracked() default 100000;

    @AttributeDefinition(description = "The ban file; relative paths are under the distribution folder")
    String file() default "data/defender.bans";
}
