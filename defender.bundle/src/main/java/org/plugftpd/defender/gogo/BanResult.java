package org.plugftpd.defender.gogo;

import java.time.Instant;
import java.util.List;

import org.plugftpd.defender.net.AddressBlock;
import org.plugftpd.defender.score.Ban;

/** What {@code ftp:ban} returns: data for scripts and tests, printed by {@link BanFormatter}. */
public sealed interface BanResult {

    /** {@code ftp:ban list}: the bans in force at {@code now} and how many addresses are being scored. */
    record Listing(List<Ban> bans, int tracked, Instant now) implements BanResult {
        @Override
        public String toString() {
            return BanFormatter.format(this);
        }
    }

    /** {@code ftp:ban add}: the new ban. */
    record Added(Ban ban) implements BanResult {
        @Override
        public String toString() {
            return BanFormatter.format(this);
        }
    }

    /** {@code ftp:ban remove}: the bans lifted for {@code block}. */
    record Removed(AddressBlock block, List<Ban> lifted) implements BanResult {
        @Override
        public String toString() {
            return BanFormatter.format(this);
        }
    }
}
