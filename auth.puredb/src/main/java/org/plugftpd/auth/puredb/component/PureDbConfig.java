package org.plugftpd.auth.puredb.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The {@code plugftpd.auth.puredb} configuration ({@code etc/plugftpd.auth.puredb.cfg}). */
@ObjectClassDefinition(id = PureDbConfig.PID, name = "plugftpd virtual users (PureDB)",
        description = "Pure-FTPd virtual users from a pure-pw .pdb or pureftpd.passwd file")
public @interface PureDbConfig {

    String PID = "plugftpd.auth.puredb";

    @AttributeDefinition(description = "The user database: a .pdb made by pure-pw mkdb, or a pureftpd.passwd"
            + " text file (told apart by content). Relative paths are under the distribution folder."
            + " A replaced file is picked up at the next login.")
    String file() default "etc/pureftpd.pdb";

    @AttributeDefinition(description = "Password verifications running at once; 0 = one per processor core")
    int verifyThreads() default 0;

    @AttributeDefinition(description = "MiB of working memory all running verifications may hold together"
            + " (argon2 and scrypt are memory-hard); a hash needing more than this is refused with a log line")
    int verifyMemory() default 256;

    @AttributeDefinition(description = "Logins that may wait for a verification slot; more get a 421 at once")
    int verifyQueue() default 32;

    @AttributeDefinition(description = "Seconds a login may wait for a verification slot before it gets a 421")
    int verifyWait() default 20;

    @AttributeDefinition(name = "service.ranking",
            description = "Place in the authentication chain: higher is asked first (Pure-FTPd's -l order)")
    int service_ranking() default 0;
}
