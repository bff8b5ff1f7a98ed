package org.plugftpd.defender.score;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.plugftpd.defender.net.AddressBlock;
import org.plugftpd.guard.api.Admission;

/**
 * The brute-force defender: scores offences per address block in a sliding window and bans a block
 * whose score reaches the threshold, for a time that doubles with each repeat (up to a cap) and is
 * forgotten after a clean period; the allow list is never scored nor banned, the deny list always
 * refused. Everything is in memory (admission is a map lookup); the time comes from the injected
 * clock. Thread-safe: one lock, never held across the listener or any I/O.
 */
public final class Defender {
    static final String DENIED = "Connections from your address are not accepted";

    private final Clock clock;
    private final BanListener listener;
    private volatile DefenderRules rules;

    /** Scores by block, least recently used first; bounded by maxTracked. Guarded by {@code this}. */
    private final LinkedHashMap<AddressBlock, Tally> tallies = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<AddressBlock, Tally> eldest) {
            return size() > rules.maxTracked();
        }
    };
    /** Bans by block, expired ones kept until forgotten (for the repeat count). Guarded by {@code this}. */
    private final Map<AddressBlock, Ban> bans = new HashMap<>();
    /** Banned blocks that {@link DefenderRules#keyOf} does not find (wider, or a single IPv6 address). */
    private final Set<AddressBlock> scanned = new HashSet<>();

    public Defender(DefenderRules rules, Clock clock, BanListener listener) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** New rules from now on; scores and bans are kept. */
    public synchronized void rules(DefenderRules next) {
        rules = Objects.requireNonNull(next, "rules");
        scanned.clear();
        for (AddressBlock b : bans.keySet()) {
            if (!next.isKeyBlock(b)) {
                scanned.add(b);
            }
        }
    }

    public DefenderRules rules() {
        return rules;
    }

    /** A client connects: refused while its block is banned or denied; counted for bursts otherwise. */
    public Admission admit(InetAddress client) {
        DefenderRules r = rules;
        if (r.allow().contains(client)) {
            return Admission.allow();
        }
        if (r.deny().contains(client)) {
            return Admission.refuse(DENIED);
        }
        Instant now = clock.instant();
        AddressBlock key = r.keyOf(client);
        Ban made = null;
        synchronized (this) {
            Ban ban = activeBan(key, client, now);
            if (ban != null) {
                return refusal(ban, now);
            }
            Tally tally = tally(key);
            if (tally.connected(now, r.burstConnections(), r.burstWindow())) {
                made = score(key, tally, Offence.CONNECTION_BURST, now, r);
            }
        }
        if (made == null) {
            return Admission.allow();
        }
        listener.banned(made, AddressBlock.text(client));
        return refusal(made, now);
    }

    /** The client did something that counts against it; may ban its block. */
    public void record(InetAddress client, Offence offence) {
        DefenderRules r = rules;
        if (r.allow().contains(client) || r.deny().contains(client) || r.points(offence) == 0) {
            return;
        }
        Instant now = clock.instant();
        AddressBlock key = r.keyOf(client);
        Ban made;
        synchronized (this) {
            if (activeBan(key, client, now) != null) {
                return; // already out; the sessions it still has are ending
            }
            made = score(key, tally(key), offence, now, r);
        }
        if (made != null) {
            listener.banned(made, AddressBlock.text(client));
        }
    }

    /**
     * Bans {@code block} by hand for {@code length} (null: what the rules give its next ban).
     *
     * @return the new ban (it replaces one the block may have)
     */
    public Ban ban(AddressBlock block, Duration length, String reason) {
        Instant now = clock.instant();
        Ban made;
        synchronized (this) {
            made = newBan(block, now, length, reason, rules);
            tallies.remove(block);
        }
        listener.banned(made, block.toString());
        return made;
    }

    /**
     * Lifts the bans of {@code block} and forgets its record (score and repeat count); for a single
     * address, also the bans of any block that holds it.
     *
     * @return the bans that were lifted (active ones), empty when there was none
     */
    public synchronized List<Ban> unban(AddressBlock block) {
        Instant now = clock.instant();
        List<Ban> lifted = new ArrayList<>();
        for (Iterator<Map.Entry<AddressBlock, Ban>> it = bans.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<AddressBlock, Ban> e = it.next();
            boolean match = e.getKey().equals(block) || (block.single() && e.getKey().covers(block));
            if (match) {
                it.remove();
                scanned.remove(e.getKey());
                tallies.remove(e.getKey());
                if (e.getValue().active(now)) {
                    lifted.add(e.getValue());
                }
            }
        }
        tallies.remove(block);
        if (block.single()) {
            tallies.remove(rules.keyOf(block.first()));
        }
        return lifted;
    }

    /** The bans in force, soonest to end first. */
    public synchronized List<Ban> activeBans() {
        Instant now = clock.instant();
        List<Ban> out = new ArrayList<>();
        for (Ban b : bans.values()) {
            if (b.active(now)) {
                out.add(b);
            }
        }
        out.sort(Comparator.comparing(Ban::until).thenComparing(b -> b.block().toString()));
        return out;
    }

    /** Every ban still remembered (in force, or expired but not yet forgotten): what is persisted. */
    public synchronized List<Ban> remembered() {
        sweep();
        List<Ban> out = new ArrayList<>(bans.values());
        out.sort(Comparator.comparing((Ban b) -> b.block().toString()));
        return out;
    }

    /** Takes back bans read at start; a ban already known for the same block is kept if it ends later. */
    public synchronized void restore(Collection<Ban> saved) {
        for (Ban b : saved) {
            Ban known = bans.get(b.block());
            if (known == null || known.until().isBefore(b.until())) {
                put(b);
            }
        }
        sweep();
    }

    /** Drops forgotten bans and idle scores; the component calls it now and then. */
    public synchronized void sweep() {
        Instant now = clock.instant();
        DefenderRules r = rules;
        bans.values().removeIf(b -> forgotten(b, now, r));
        scanned.retainAll(bans.keySet());
        tallies.values().removeIf(t -> t.idle(now, r.window(), r.burstWindow()));
    }

    /** Addresses with a score being kept (for ftp:ban list's summary). */
    public synchronized int tracked() {
        return tallies.size();
    }

    // ---- under the lock

    private Ban activeBan(AddressBlock key, InetAddress client, Instant now) {
        Ban ban = bans.get(key);
        if (ban != null && ban.active(now)) {
            return ban;
        }
        for (AddressBlock b : scanned) {
            Ban wide = bans.get(b);
            if (wide != null && wide.active(now) && b.contains(client)) {
                return wide;
            }
        }
        return null;
    }

    private Tally tally(AddressBlock key) {
        return tallies.computeIfAbsent(key, k -> new Tally());
    }

    private Ban score(AddressBlock key, Tally tally, Offence offence, Instant now, DefenderRules r) {
        int points = r.points(offence);
        if (points == 0) {
            return null;
        }
        int score = tally.add(now, offence, points, r.window());
        if (score < r.threshold()) {
            return null;
        }
        String reason = tally.describe(r.window());
        tallies.remove(key); // a ban starts the count anew
        return newBan(key, now, null, reason, r);
    }

    private Ban newBan(AddressBlock block, Instant now, Duration length, String reason, DefenderRules r) {
        Ban previous = bans.get(block);
        int number = previous != null && !forgotten(previous, now, r) ? previous.number() + 1 : 1;
        Duration d = length != null ? length : r.banLength(number);
        Ban ban = new Ban(block, now, now.plus(d), number, reason);
        if (previous == null && bans.size() >= r.maxTracked()) {
            sweep();
            if (bans.size() >= r.maxTracked()) {
                // full of live bans: the one ending soonest makes room
                bans.values().stream().min(Comparator.comparing(Ban::until))
                        .ifPresent(b -> {
                            bans.remove(b.block());
                            scanned.remove(b.block());
                        });
            }
        }
        put(ban);
        return ban;
    }

    private void put(Ban ban) {
        bans.put(ban.block(), ban);
        if (!rules.isKeyBlock(ban.block())) {
            scanned.add(ban.block());
        }
    }

    private static boolean forgotten(Ban ban, Instant now, DefenderRules r) {
        return !now.isBefore(ban.until().plus(r.forgetAfter()));
    }

    private static Admission refusal(Ban ban, Instant now) {
        return Admission.refuse("Your address is banned for another " + Wait.text(Duration.between(now, ban.until())));
    }
}
