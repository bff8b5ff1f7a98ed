package org.plugftpd.core.impl.fs;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Lexical resolution of the names a client sends into normalised absolute paths inside a jail
 * ({@code /}, {@code /a/b}); it never looks at the disk. Stateless and thread-safe.
 */
final class VirtualPath {

    static final String ROOT = "/";

    private VirtualPath() {
    }

    /**
     * Resolves {@code name} against the working directory: absolute names start at the jail root,
     * {@code ~} and {@code ~/x} at the home (start) directory; {@code .} and empty segments are
     * dropped and {@code ..} never climbs above the root. Backslashes and {@code %2e} are
     * ordinary characters. A null or empty name means the working directory.
     */
    static String resolve(String workingDirectory, String homeDirectory, String name) {
        if (name == null || name.isEmpty()) {
            return workingDirectory;
        }
        String base;
        String relative;
        if (name.equals("~")) {
            base = homeDirectory;
            relative = "";
        } else if (name.startsWith("~/")) {
            base = homeDirectory;
            relative = name.substring(2);
        } else if (name.startsWith("/")) {
            base = ROOT;
            relative = name;
        } else {
            base = workingDirectory;
            relative = name;
        }
        Deque<String> segments = new ArrayDeque<>();
        append(segments, base);
        append(segments, relative);
        return segments.isEmpty() ? ROOT : "/" + String.join("/", segments);
    }

    private static void append(Deque<String> segments, String path) {
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                // clamped: ".." at the root stays at the root, as in a real chroot
                segments.pollLast();
            } else {
                segments.addLast(segment);
            }
        }
    }

    /** The last segment of a normalised virtual path; the root's name is {@code /}. */
    static String nameOf(String virtualPath) {
        if (virtualPath.equals(ROOT)) {
            return ROOT;
        }
        return virtualPath.substring(virtualPath.lastIndexOf('/') + 1);
    }

    /** The directory of a normalised virtual path; the root's parent is the root. */
    static String parentOf(String virtualPath) {
        int slash = virtualPath.lastIndexOf('/');
        return slash <= 0 ? ROOT : virtualPath.substring(0, slash);
    }

    /** The normalised path of entry {@code name} in directory {@code directory}. */
    static String childOf(String directory, String name) {
        return directory.equals(ROOT) ? ROOT + name : directory + "/" + name;
    }

    /** The normalised path relative to the root, e.g. {@code a/b} for {@code /a/b}. */
    static String relativeOf(String virtualPath) {
        return virtualPath.substring(1);
    }
}
