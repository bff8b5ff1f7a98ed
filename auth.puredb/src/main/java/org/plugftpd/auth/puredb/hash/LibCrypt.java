package org.plugftpd.auth.puredb.hash;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's crypt(3) (libxcrypt on Debian) for the hash kinds no Java library has. Loaded
 * lazily on first use; when JNA or the library is missing, or a kind is not compiled into it,
 * the kind is unavailable and one log line says so. Thread-safe: every call has its own buffer.
 */
final class LibCrypt {

    private static final Logger LOG = LoggerFactory.getLogger(LibCrypt.class);

    /** Shared-object names tried in order: the runtime package's name first (no -dev symlink needed). */
    static final String[] LIBRARY_NAMES = {"libcrypt.so.1", "crypt"};

    /** One crypt call; implementations must not throw. */
    interface Binding {
        /** crypt(password, setting) as ISO-8859-1 text, or null for NULL or a failure token ("*0"). */
        String crypt(byte[] password, String setting);

        String libraryName();
    }

    private static final Object LOCK = new Object();
    private static volatile Binding binding;
    private static volatile String unavailableReason;
    private static final Map<HashKind, Boolean> SUPPORTED = new EnumMap<>(HashKind.class);

    private LibCrypt() {
    }

    static boolean isAvailable() {
        return load() != null;
    }

    /** Why libcrypt cannot be used; null while it can. */
    static String unavailableReason() {
        load();
        return unavailableReason;
    }

    /** True when the loaded library computes hashes of {@code kind} (checked once with a cheap setting). */
    static boolean supports(HashKind kind) {
        Binding loaded = load();
        if (loaded == null) {
            return false;
        }
        synchronized (SUPPORTED) {
            Boolean known = SUPPORTED.get(kind);
            if (known == null) {
                known = probe(loaded, kind);
                SUPPORTED.put(kind, known);
                if (!known) {
                    LOG.warn("{} does not compute {} hashes: stored hashes of that kind are refused",
                            loaded.libraryName(), kind.label());
                }
            }
            return known;
        }
    }

    /** crypt(password, setting), or null when libcrypt is missing or refuses the setting. */
    static String crypt(byte[] password, String setting) {
        Binding loaded = load();
        return loaded == null ? null : loaded.crypt(password, setting);
    }

    private static Binding load() {
        Binding loaded = binding;
        if (loaded != null || unavailableReason != null) {
            return loaded;
        }
        synchronized (LOCK) {
            if (binding == null && unavailableReason == null) {
                try {
                    binding = JnaLibCrypt.open(LIBRARY_NAMES);
                } catch (LinkageError | RuntimeException e) {
                    // NoClassDefFoundError: JNA not wired (an optional import in OSGi);
                    // UnsatisfiedLinkError: no libcrypt on this system
                    unavailableReason = reasonFor(e);
                    LOG.warn("{}: stored hashes of kinds {} are refused", unavailableReason, libCryptKinds());
                }
            }
            return binding;
        }
    }

    static String reasonFor(Throwable e) {
        if (e instanceof NoClassDefFoundError) {
            return "JNA (com.sun.jna) is not available, so libcrypt cannot be called";
        }
        return "libcrypt (" + String.join(" or ", LIBRARY_NAMES) + ") could not be loaded: " + e.getMessage();
    }

    private static String libCryptKinds() {
        StringJoiner kinds = new StringJoiner(", ");
        for (HashKind kind : HashKind.values()) {
            if (kind.needsLibCrypt()) {
                kinds.add(kind.label());
            }
        }
        return kinds.toString();
    }

    private static boolean probe(Binding loaded, HashKind kind) {
        String setting = probeSetting(kind);
        String result = loaded.crypt("probe-password".getBytes(StandardCharsets.US_ASCII), setting);
        return result != null && result.length() > setting.length();
    }

    /** A cheap, valid setting of each libcrypt kind (the bigcrypt one only grows past 13 characters when it is supported). */
    private static String probeSetting(HashKind kind) {
        switch (kind) {
            case YESCRYPT:
                return "$y$j75$PrObEsAl";
            case GOST_YESCRYPT:
                return "$gy$j75$PrObEsAl";
            case SUN_MD5:
                return "$md5,rounds=1$PrObEsAl$";
            case BSDI_CRYPT:
                return "_/...PrOb";
            case SHA1_CRYPT:
                return "$sha1$1$PrObEsAl$";
            case BIGCRYPT:
                return "PrObEsAlTxxxxxxxxxxxx";
            case BCRYPT_X:
                return "$2x$04$PrObEsAlTPrObEsAlTPrOb";
            default:
                return "$6$PrObEsAlT$";
        }
    }
}
