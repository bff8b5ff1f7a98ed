package org.plugftpd.core.impl.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Which feature services are bound right now, for the site's {@code requiredServices}: a service
 * never bound keeps new connections out ({@code 421}); one that went away (its bundle is being
 * updated) is waited for by logins and writes for the grace, and keeps new connections out only
 * once the grace is over. Thread-safe (one monitor; waits are bounded).
 */
public final class RequiredServices {
    private final Map<String, Integer> bound = new HashMap<>();
    /** When each service that had been bound lost its last instance (nanoTime). */
    private final Map<String, Long> lostAt = new HashMap<>();
    private final LongSupplier clock;

    public RequiredServices() {
        this(System::nanoTime);
    }

    RequiredServices(LongSupplier nanoClock) {
        this.clock = nanoClock;
    }

    public synchronized void bound(String name) {
        bound.merge(name, 1, Integer::sum);
        lostAt.remove(name);
        notifyAll();
    }

    public synchronized void unbound(String name) {
        int left = bound.getOrDefault(name, 0) - 1;
        if (left <= 0) {
            bound.remove(name);
            lostAt.put(name, clock.getAsLong());
        } else {
            bound.put(name, left);
        }
    }

    public synchronized boolean present(String name) {
        return bound.containsKey(name);
    }

    /** The required services absent right now, by name. */
    public synchronized Set<String> missing(ServicePolicy policy) {
        Set<String> missing = new TreeSet<>();
        for (String name : policy.required()) {
            if (!bound.containsKey(name)) {
                missing.add(name);
            }
        }
        return missing;
    }

    /**
     * Why a new connection must be refused now: a required service was never bound, or has been
     * gone for longer than the grace. Empty when it may come in.
     */
    public synchronized Optional<String> refusal(ServicePolicy policy) {
        long now = clock.getAsLong();
        for (String name : policy.required()) {
            if (bound.containsKey(name)) {
                continue;
            }
            Long lost = lostAt.get(name);
            if (lost == null || now - lost > policy.grace().toNanos()) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** Waits up to {@code grace} for {@code name} to be bound; true when it is. */
    public synchronized boolean await(String name, Duration grace) throws InterruptedException {
        long end = clock.getAsLong() + grace.toNanos();
        while (!bound.containsKey(name)) {
            long left = end - clock.getAsLong();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Waits up to the grace (in total) for every required service; true when all are bound. */
    public boolean awaitAll(ServicePolicy policy) throws InterruptedException {
        long end = System.nanoTime() + policy.grace().toNanos();
        for (String name : policy.required()) {
            long left = end - System.nanoTime();
            if (!await(name, Duration.ofNanos(Math.max(0, left)))) {
                return false;
            }
        }
        return true;
    }
}
