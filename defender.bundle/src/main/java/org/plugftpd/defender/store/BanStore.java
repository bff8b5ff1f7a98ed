package org.plugftpd.defender.store;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.plugftpd.defender.score.Ban;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the bans to their {@link BanFile} on a thread of its own, so a ban never waits for the
 * disk: changes coming while a write runs are folded into the next one. {@link #close} writes
 * what is current once more and stops. Thread-safe.
 */
public final class BanStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BanStore.class);

    private final BanFile file;
    private final Supplier<List<Ban>> bans;
    private final ExecutorService writer;
    private final AtomicBoolean pending = new AtomicBoolean();

    public BanStore(BanFile file, Supplier<List<Ban>> bans) {
        this.file = file;
        this.bans = bans;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "plugftpd-defender-store");
            t.setDaemon(true);
            return t;
        });
    }

    public BanFile file() {
        return file;
    }

    /** Asks for a write of the current bans; returns at once. */
    public void saveSoon() {
        if (pending.compareAndSet(false, true)) {
            try {
                writer.execute(() -> {
                    pending.set(false);
                    save();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pending.set(false); // closing: close() writes the final state
            }
        }
    }

    /** Writes the current bans now, on the calling thread; false (logged) when the file cannot be written. */
    public synchronized boolean save() {
        try {
            file.write(bans.get());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("defender: cannot write the bans to {} ({}); they hold until a restart", file.path(), e.toString());
            return false;
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("defender: writing {} takes longer than 10 s", file.path());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        save();
    }
}
