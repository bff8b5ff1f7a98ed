package org.plugftpd.core.impl.fs;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the temporary upload files ({@code .pureftpd-upload.*}) a server killed mid-upload
 * left behind: the first time a jail is used after the server started, its tree is walked
 * (through directory handles, no link followed) and every such regular file last modified before
 * the server's start is deleted. A running upload of this server wrote its file after the start,
 * so it is never touched. Bounded: {@value #MAX_DEPTH} levels, {@value #MAX_ENTRIES} entries per jail.
 * <p>Thread-safe: each jail is swept once per instance (one instance per server start).
 */
public final class OrphanedUploads {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanedUploads.class);

    static final int MAX_DEPTH = 32;
    static final int MAX_ENTRIES = 100_000;

    private final Instant serverStart;
    private final Set<Path> swept = ConcurrentHashMap.newKeySet();

    public OrphanedUploads(Instant serverStart) {
        this.serverStart = serverStart;
    }

    /** Sweeps the jail unless this instance did already; returns how many files it removed. */
    public int sweepOnce(Path jailRoot) {
        Path real;
        try {
            real = jailRoot.toRealPath();
        } catch (IOException e) {
            return 0;
        }
        if (!swept.add(real)) {
            return 0;
        }
        try {
            Jail jail = new Jail(real);
            int[] budget = {MAX_ENTRIES};
            int removed;
            try (SecureDirectoryStream<Path> root = jail.openRoot()) {
                removed = sweep(root, real, 0, budget);
            }
            if (removed > 0) {
                LOG.info("Removed {} temporary upload file(s) left in {} by an earlier run", removed, real);
            }
            if (budget[0] <= 0) {
                LOG.warn("Stopped looking for orphaned uploads in {} after {} entries", real, MAX_ENTRIES);
            }
            return removed;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not look for orphaned uploads in {}: {}", real, e.toString());
            return 0;
        }
    }

    private int sweep(SecureDirectoryStream<Path> dir, Path where, int depth, int[] budget) {
        int removed = 0;
        for (Path entry : dir) {
            if (--budget[0] < 0) {
                break;
            }
            String name = entry.getFileName().toString();
            try {
                PosixFileAttributes a = Jail.lstat(dir, name);
                if (a == null) {
                    continue;
                }
                if (a.isRegularFile() && FileNamePolicy.isUploadTemporary(name)
                        && a.lastModifiedTime().toInstant().isBefore(serverStart)) {
                    dir.deleteFile(Paths.get(name));
                    removed++;
                } else if (a.isDirectory() && depth == 0 && name.startsWith(FileNamePolicy.MKDIR_TEMPORARY_PREFIX)
                        && a.lastModifiedTime().toInstant().isBefore(serverStart)) {
                    // a MKD interrupted between its two steps; only ever empty
                    dir.deleteDirectory(Paths.get(name));
                    removed++;
                } else if (a.isDirectory() && depth < MAX_DEPTH) {
                    try (SecureDirectoryStream<Path> child = dir.newDirectoryStream(Paths.get(name),
                            LinkOption.NOFOLLOW_LINKS)) {
                        removed += sweep(child, where.resolve(name), depth + 1, budget);
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("Skipping {} while looking for orphaned uploads: {}", where.resolve(name), e.toString());
            }
        }
        return removed;
    }
}
