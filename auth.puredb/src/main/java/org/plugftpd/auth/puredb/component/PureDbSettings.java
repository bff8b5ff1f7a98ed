package org.plugftpd.auth.puredb.component;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Checked {@link PureDbConfig} values. A bad value throws {@link IllegalArgumentException} naming
 * the key, so the running configuration can stay in force. Immutable.
 */
final class PureDbSettings {
    final Path file;
    final int threads;
    final long memoryBytes;
    final int queue;
    final long waitMillis;

    private PureDbSettings(Path file, int threads, long memoryBytes, int queue, long waitMillis) {
        this.file = file;
        this.threads = threads;
        this.memoryBytes = memoryBytes;
        this.queue = queue;
        this.waitMillis = waitMillis;
    }

    static PureDbSettings of(PureDbConfig config) {
        String name = config.file() == null ? "" : config.file().trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("file: empty; give a .pdb or a pureftpd.passwd");
        }
        Path file = Paths.get(name);
        if (!file.isAbsolute()) {
            String home = System.getProperty("plugftpd.home");
            file = (home == null || home.isEmpty() ? Paths.get("") : Paths.get(home)).resolve(file);
        }
        int threads = config.verifyThreads();
        if (threads < 0) {
            throw new IllegalArgumentException("verifyThreads: " + threads + " is negative (0 = one per core)");
        }
        if (threads == 0) {
            threads = Runtime.getRuntime().availableProcessors();
        }
        if (config.verifyMemory() < 1) {
            throw new IllegalArgumentException("verifyMemory: " + config.verifyMemory() + " MiB, needs at least 1");
        }
        if (config.verifyQueue() < 0) {
            throw new IllegalArgumentException("verifyQueue: " + config.verifyQueue() + " is negative");
        }
        if (config.verifyWait() < 0) {
            throw new IllegalArgumentException("verifyWait: " + config.verifyWait() + " is negative");
        }
        return new PureDbSettings(file.toAbsolutePath().normalize(), threads, (long) config.verifyMemory() << 20,
                config.verifyQueue(), config.verifyWait() * 1000L);
    }

    boolean sameGate(PureDbSettings o) {
        return threads == o.threads && memoryBytes == o.memoryBytes && queue == o.queue && waitMillis == o.waitMillis;
    }

    @Override
    public String toString() {
        return "file " + file + ", " + threads + " verifications at once within " + (memoryBytes >> 20)
                + " MiB, " + queue + " may wait " + waitMillis / 1000 + " s";
    }
}
