package org.plugftpd.core.impl.session;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.osgi.service.component.annotations.Component;
import org.plugftpd.session.api.SessionInfo;
import org.plugftpd.session.api.SessionRegistry;

/**
 * Every open control connection of the server, with the counts the connection limits need.
 * Thread-safe; lives as long as the core bundle, independent of listener restarts.
 */
@Component(service = {SessionRegistry.class, SessionTable.class})
public final class SessionTable implements SessionRegistry {

    private final ConcurrentHashMap<Long, LiveSession> sessions = new ConcurrentHashMap<>();
    /** Per entry, whether its connection is still open: the reaper's test, independent of any close event. */
    private final ConcurrentHashMap<Long, BooleanSupplier> connected = new ConcurrentHashMap<>();
    /** Entries the last {@link #reap} found disconnected. */
    private final java.util.Set<Long> suspects = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();

    /** Registers a new connection that stays open for good; {@code closer} closes it at once (used by kick). */
    public LiveSession open(InetSocketAddress remote, InetSocketAddress local, Runnable closer) {
        return open(remote, local, closer, () -> true);
    }

    /**
     * Registers a new connection; {@code closer} closes it at once (used by kick), {@code isConnected}
     * tells whether it is still open, so that {@link #reap} can remove it when no close event came.
     */
    public LiveSession open(InetSocketAddress remote, InetSocketAddress local, Runnable closer,
            BooleanSupplier isConnected) {
        LiveSession s = new LiveSession(ids.incrementAndGet(), remote, local, Instant.now(), closer);
        connected.put(s.id(), isConnected);
        sessions.put(s.id(), s);
        return s;
    }

    public void closed(LiveSession session) {
        sessions.remove(session.id());
        connected.remove(session.id());
    }

    /**
     * Removes the entries whose connection is gone although nobody said so (a close event lost to
     * a failing worker, say); returns how many. An entry goes at the second call that finds it
     * disconnected, so a close event still on its way is not taken for a lost one. Called
     * periodically, from one thread at a time.
     */
    public int reap() {
        int n = 0;
        for (Map.Entry<Long, BooleanSupplier> e : connected.entrySet()) {
            Long id = e.getKey();
            boolean open;
            try {
                open = e.getValue().getAsBoolean();
            } catch (RuntimeException ex) {
                open = false;
            }
            if (open) {
                suspects.remove(id);
            } else if (!suspects.add(id)) {
                suspects.remove(id);
                connected.remove(id);
                if (sessions.remove(id) != null) {
                    n++;
                }
            }
        }
        suspects.retainAll(connected.keySet());
        return n;
    }

    public int count() {
        return sessions.size();
    }

    /** Open connections from this client address. */
    public int countFrom(InetAddress address) {
        int n = 0;
        for (LiveSession s : sessions.values()) {
            if (s.remote().getAddress().equals(address)) {
                n++;
            }
        }
        return n;
    }

    /** spec/ftpwho.md §2: logged-in sessions of this account, compared case-insensitively. */
    public int countLogins(String account, LiveSession except) {
        String wanted = account.toLowerCase(Locale.ROOT);
        int n = 0;
        for (LiveSession s : sessions.values()) {
            String login = s.login();
            if (s != except && login != null && login.toLowerCase(Locale.ROOT).equals(wanted)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public List<SessionInfo> sessions() {
        List<SessionInfo> list = new ArrayList<>(sessions.size());
        for (LiveSession s : sessions.values()) {
            list.add(s.snapshot());
        }
        list.sort(Comparator.comparingLong(SessionInfo::id));
        return list;
    }

    @Override
    public Optional<SessionInfo> session(long id) {
        LiveSession s = sessions.get(id);
        return s == null ? Optional.empty() : Optional.of(s.snapshot());
    }

    @Override
    public boolean kick(long id) {
        LiveSession s = sessions.get(id);
        if (s == null) {
            return false;
        }
        s.close();
        return true;
    }
}
