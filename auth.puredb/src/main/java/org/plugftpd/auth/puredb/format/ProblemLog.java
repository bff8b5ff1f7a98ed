package org.plugftpd.auth.puredb.format;

import java.util.ArrayList;
import java.util.List;

/** Problems waiting to be logged by the directory's user, each handed out once; bounded. Thread-safe. */
final class ProblemLog {

    private static final int MAX_PENDING = 200;

    private final List<String> pending = new ArrayList<>();
    private int dropped;

    synchronized void report(String problem) {
        if (pending.size() < MAX_PENDING) {
            pending.add(problem);
        } else {
            dropped++;
        }
    }

    /** The problems reported since the last call, oldest first; the list ends with a count of those left out. */
    synchronized List<String> take() {
        List<String> taken = new ArrayList<>(pending);
        if (dropped > 0) {
            taken.add(dropped + " more problems not shown");
        }
        pending.clear();
        dropped = 0;
        return taken;
    }
}
