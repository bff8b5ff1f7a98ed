package org.plugftpd.defender.score;

/** Told of every new ban, after the defender's lock is released (it may log and persist). */
@FunctionalInterface
public interface BanListener {

    /**
     * @param ban the new ban
     * @param address the address whose offence made it, or the block itself for a ban added by hand
     */
    void banned(Ban ban, String address);
}
