package org.plugftpd.auth.puredb.hash;

/**
 * What a stored hash string is: its kind, the memory a verification needs, and either the check
 * to run or the reason it can never match. Immutable.
 */
final class ParsedHash {

    /** What verification needs when nothing else is said: scratch buffers, not worth counting. */
    static final long SMALL_WORKING_MEMORY = 64 * 1024;

    /** A check of a password against one parsed hash; PasswordHashes.verify turns an exception into "no match". */
    interface Check {
        boolean matches(byte[] password);
    }

    private final HashKind kind;
    private final String description;
    private final String problem;
    private final long workingMemory;
    private final Check check;

    private ParsedHash(HashKind kind, String description, String problem, long workingMemory, Check check) {
        this.kind = kind;
        this.description = description;
        this.problem = problem;
        this.workingMemory = workingMemory;
        this.check = check;
    }

    static ParsedHash usable(HashKind kind, String description, long workingMemory, Check check) {
        return new ParsedHash(kind, description, null, workingMemory, check);
    }

    /** A hash of a known kind that can never match here (over the memory cap, for example). */
    static ParsedHash refused(HashKind kind, String description, String problem, long workingMemory) {
        return new ParsedHash(kind, description, problem, workingMemory, null);
    }

    /** Not a hash Pure-FTPd accepts; {@code problem} names why without repeating the stored text. */
    static ParsedHash unsupported(String problem) {
        return new ParsedHash(HashKind.UNSUPPORTED, "unsupported", problem, SMALL_WORKING_MEMORY, null);
    }

    HashKind kind() {
        return kind;
    }

    long workingMemory() {
        return workingMemory;
    }

    /** Null when the hash may match. */
    String problem() {
        return problem;
    }

    String describe() {
        if (problem != null) {
            return description + ": " + problem;
        }
        if (!kind.available()) {
            return description + ": refused here, " + kind.missingSupport();
        }
        return description;
    }

    boolean matches(byte[] password) {
        return problem == null && kind.available() && check.matches(password);
    }
}
