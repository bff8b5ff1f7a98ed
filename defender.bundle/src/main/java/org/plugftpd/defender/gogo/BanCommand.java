package org.plugftpd.defender.gogo;

import java.time.Duration;
import java.time.Instant;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.plugftpd.defender.component.DefenderComponent;
import org.plugftpd.defender.net.AddressBlock;

/**
 * Gogo {@code ftp:ban list | add <address|cidr> [seconds] | remove <address|cidr>}. The typed
 * methods {@link #list}, {@link #add} and {@link #remove} return data; {@link BanConverter} prints
 * it. Thread-safe.
 */
@Component(service = BanCommand.class, property = {"osgi.command.scope=ftp", "osgi.command.function=ban"})
public final class BanCommand {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DefenderComponent defender;

    @Descriptor("the bans in force (same as 'ban list')")
    public BanResult ban() {
        return list();
    }

    @Descriptor("the bans in force: 'list'")
    public BanResult ban(@Descriptor("list") String action) {
        if (!"list".equals(action)) {
            throw usage(action);
        }
        return list();
    }

    @Descriptor("ban an address or CIDR block for the configured time ('add'), or lift its ban ('remove')")
    public BanResult ban(@Descriptor("add | remove") String action,
            @Descriptor("an address (203.0.113.7, 2001:db8::7) or a CIDR block (203.0.113.0/24)") String address) {
        switch (action) {
            case "add":
                return add(address, 0);
            case "remove":
                return remove(address);
            default:
                throw usage(action);
        }
    }

    @Descriptor("ban an address or CIDR block for a given time: 'add'")
    public BanResult ban(@Descriptor("add") String action,
            @Descriptor("an address or a CIDR block") String address,
            @Descriptor("seconds the ban lasts (0 = the configured time)") long seconds) {
        if (!"add".equals(action)) {
            throw usage(action);
        }
        return add(address, seconds);
    }

    public BanResult.Listing list() {
        DefenderComponent d = running();
        return new BanResult.Listing(d.bans(), d.tracked(), Instant.now());
    }

    public BanResult.Added add(String address, long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("ftp:ban add: seconds " + seconds + " is negative");
        }
        AddressBlock block = parse(address);
        return new BanResult.Added(running().ban(block, seconds == 0 ? null : Duration.ofSeconds(seconds)));
    }

    public BanResult.Removed remove(String address) {
        AddressBlock block = parse(address);
        BanResult.Removed removed = new BanResult.Removed(block, running().unban(block));
        if (removed.lifted().isEmpty()) {
            throw new IllegalArgumentException("ftp:ban remove: no ban of " + block + " in force");
        }
        return removed;
    }

    private DefenderComponent running() {
        DefenderComponent d = defender;
        if (d == null) {
            throw new IllegalStateException("the defender is not running (configure it in etc/plugftpd.defender.cfg)");
        }
        return d;
    }

    private static AddressBlock parse(String address) {
        try {
            return AddressBlock.parse(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ftp:ban: " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException usage(String action) {
        return new IllegalArgumentException("ftp:ban: unknown action '" + action
                + "' (list, add <address|cidr> [seconds], remove <address|cidr>)");
    }
}
