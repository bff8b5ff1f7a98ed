package org.plugftpd.auth.puredb.hash;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's libsodium (Debian's libsodium23, which pure-ftpd itself links), used when present
 * for Argon2: its vectorised code verifies about twice as fast as {@link Argon2}, and it is the
 * very verifier Pure-FTPd runs. Optional: without JNA or the library (or with system property
 * {@value #DISABLE_PROPERTY}{@code =false}) Bouncy Castle does the work, with one log line.
 * Loaded lazily once; thread-safe (libsodium is, after sodium_init).
 */
final class Libsodium {

    private static final Logger LOG = LoggerFactory.getLogger(Libsodium.class);

    static final String DISABLE_PROPERTY = "plugftpd.hash.libsodium";
    static final String[] LIBRARY_NAMES = {"libsodium.so.23", "sodium"};

    /** The two libsodium calls used; implementations must not throw. */
    interface Binding {
        /** crypto_pwhash_str_verify: true when libsodium accepts the password for the string. */
        boolean verify(String stored, byte[] password);

        /** crypto_pwhash with Argon2id 1.3: the 32-byte tag, or null when libsodium refused. */
        byte[] hashArgon2id(byte[] password, byte[] salt, long passes, long memoryBytes);

        String libraryName();
    }

    private static final Object LOCK = new Object();
    private static volatile Binding binding;
    private static volatile boolean settled;

    private Libsodium() {
    }

    /** The loaded libsodium, or null when Argon2 runs in Bouncy Castle. */
    static Binding binding() {
        if (settled) {
            return binding;
        }
        synchronized (LOCK) {
            if (!settled) {
                binding = open();
                settled = true;
            }
            return binding;
        }
    }

    private static Binding open() {
        if ("false".equalsIgnoreCase(System.getProperty(DISABLE_PROPERTY))) {
            LOG.info("libsodium disabled by {}=false: Argon2 hashes are computed by Bouncy Castle", DISABLE_PROPERTY);
            return null;
        }
        try {
            Binding opened = JnaLibsodium.open(LIBRARY_NAMES);
            LOG.info("Argon2 hashes are computed by the system's {}", opened.libraryName());
            return opened;
        } catch (LinkageError | RuntimeException e) {
            LOG.info("libsodium not usable ({}): Argon2 hashes are computed by Bouncy Castle, about a third as fast",
                    e instanceof NoClassDefFoundError ? "JNA is not available" : e.getMessage());
            return null;
        }
    }
}
