package org.plugftpd.auth.puredb.pw;

/**
 * The help of the pure-pw compatible command: the same actions and options as pure-pw, in plugftpd's words.
 * Stateless; thread-safe.
 */
final class UsageText {
    private UsageText() {
    }

    /** The help, naming the default files this command would use. */
    static String of(String defaultPasswd, String defaultPdb) {
        return "\n"
                + "pure-pw compatible account tool of plugftpd: edits a pureftpd.passwd file and builds its .pdb\n"
                + "\n"
                + "  pure-pw useradd <login> -u <uid> [-g <gid>] -d|-D <home> [account options] [-m]\n"
                + "        new account; asks for its password twice (from the terminal, or two lines of input)\n"
                + "  pure-pw usermod <login> [account options] [-m]\n"
                + "        changes only the options given; the account moves to the end of the file\n"
                + "  pure-pw userdel <login> [-f <passwd file>] [-m]\n"
                + "  pure-pw passwd  <login> [-f <passwd file>] [-m]      new password for an account\n"
                + "  pure-pw show    <login> [-f <passwd file>]           everything stored for an account\n"
                + "  pure-pw mkdb    [<pdb file> [-f <passwd file>]]      builds the .pdb the server reads\n"
                + "  pure-pw list    [<any word> -f <passwd file>]        login, home and name of each account\n"
                + "\n"
                + "The word after the action is always the login (for mkdb: the .pdb file), even if it starts\n"
                + "with '-'; options come after it. Actions may be written in any case.\n"
                + "\n"
                + "Files:\n"
                + "  -f <file>   passwd file; else $PURE_PASSWDFILE; else " + defaultPasswd + "\n"
                + "  -F <file>   .pdb rebuilt by -m; else $PURE_DBFILE; else " + defaultPdb + "\n"
                + "  -m          rebuild the .pdb once the passwd file is changed\n"
                + "\n"
                + "Account options:\n"
                + "  -u <user|uid>      system user the files belong to (a user name also gives its group)\n"
                + "  -g <group|gid>     system group\n"
                + "  -c <text>          full name or comment\n"
                + "  -d <dir>           home directory, the user cannot leave it (chroot; the usual choice)\n"
                + "  -D <dir>           home directory, the user is not locked in\n"
                + "  -t <KB/s>          download speed limit\n"
                + "  -T <KB/s>          upload speed limit\n"
                + "  -n <count>         largest number of files\n"
                + "  -N <MB>            largest total size of the files\n"
                + "  -q <n>  -Q <n>     upload and download parts of a ratio (-q 1 -Q 10: 10 MB down per MB up)\n"
                + "  -r <list>          client addresses that may log in (a.b.c.d or a.b.c.d/bits, comma separated)\n"
                + "  -R <list>          client addresses that may not\n"
                + "  -i <list>          server addresses the user may log in through\n"
                + "  -I <list>          server addresses the user may not log in through\n"
                + "  -y <n>             sessions the user may have open at once\n"
                + "  -z <hhmm>-<hhmm>   hours of the day when logins are accepted, e.g. 0800-1930\n"
                + "  An empty value, as in -n '', removes that limit.\n"
                + "\n"
                + "Password hashing (argon2id, costed for this machine when the password is set):\n"
                + "  -C <n>             login attempts expected at the same moment (default 8)\n"
                + "  -M <MB>            memory all of them may use together (default 64)\n"
                + "  " + HashCost.VARIABLE + "=m=<KiB>,t=<passes> in the environment fixes the cost instead\n"
                + "                     (no timing; meant for scripts and tests), e.g. m=65536,t=3\n"
                + "\n"
                + "  -h                 this help\n"
                + "\n";
    }
}
