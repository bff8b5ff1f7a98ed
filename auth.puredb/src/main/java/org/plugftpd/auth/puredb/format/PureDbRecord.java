package org.plugftpd.auth.puredb.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One key/value pair for {@link PureDbWriter#write}: opaque bytes, stored without terminator.
 * Immutable by convention (the arrays are not copied); equality is by content.
 */
public record PureDbRecord(byte[] key, byte[] value) {

    public PureDbRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** Key and value encoded as UTF-8. */
    public static PureDbRecord of(String key, String value) {
        return new PureDbRecord(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PureDbRecord r && Arrays.equals(key, r.key)
                && Arrays.equals(value, r.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "PureDbRecord[" + new String(key, StandardCharsets.UTF_8) + " -> " + value.length + " bytes]";
    }
}
