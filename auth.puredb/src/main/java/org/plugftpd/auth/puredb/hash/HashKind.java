package org.plugftpd.auth.puredb.hash;

/** Stub: the hash helper completes this enum (argon2id, argon2i, scrypt, bcrypt, sha512, ... UNSUPPORTED). */
public enum HashKind {
    UNSUPPORTED;

    /** False when this JVM cannot verify the kind (for example libcrypt missing for yescrypt). */
    public boolean available() {
        return false;
    }
}
