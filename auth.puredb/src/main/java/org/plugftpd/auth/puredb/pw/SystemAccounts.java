package org.plugftpd.auth.puredb.pw;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The system user database as pure-pw asks it (getpwnam, getpwuid, getgrnam, getgrgid), read from files in
 * /etc/passwd and /etc/group format; the first matching line wins, as in the C library. Only the files are
 * read (no NSS modules such as LDAP). Names are byte strings.
 * Immutable once loaded; thread-safe.
 */
public final class SystemAccounts {
    /** One line of a passwd or group file: name, id and (passwd only) primary group. */
    private static final class Row {
        final String name;
        final long id;
        final long primaryGroup;

        Row(String name, long id, long primaryGroup) {
            this.name = name;
            this.id = id;
            this.primaryGroup = primaryGroup;
        }
    }

    private final List<Row> users;
    private final List<Row> groups;

    private SystemAccounts(List<Row> users, List<Row> groups) {
        this.users = users;
        this.groups = groups;
    }

    /** The machine's own /etc/passwd and /etc/group. */
    public static SystemAccounts ofThisMachine() {
        return fromFiles(Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    /** Reads both files now; a missing or unreadable file counts as empty (names then show as "-"). */
    public static SystemAccounts fromFiles(Path passwdFile, Path groupFile) {
        return new SystemAccounts(read(passwdFile, true), read(groupFile, false));
    }

    /** uid of a user name, or -1. */
    long uidOf(String userName) {
        Row row = byName(users, userName);
        return row == null ? -1 : row.id;
    }

    /** Primary gid of a user name, or -1. */
    long primaryGidOf(String userName) {
        Row row = byName(users, userName);
        return row == null ? -1 : row.primaryGroup;
    }

    /** gid of a group name, or -1. */
    long gidOf(String groupName) {
        Row row = byName(groups, groupName);
        return row == null ? -1 : row.id;
    }

    /** User name of a uid, or null. */
    String userName(long uid) {
        Row row = byId(users, uid);
        return row == null ? null : row.name;
    }

    /** Group name of a gid, or null. */
    String groupName(long gid) {
        Row row = byId(groups, gid);
        return row == null ? null : row.name;
    }

    private static Row byName(List<Row> rows, String name) {
        for (Row row : rows) {
            if (row.name.equals(name)) {
                return row;
            }
        }
        return null;
    }

    private static Row byId(List<Row> rows, long id) {
        for (Row row : rows) {
            if (row.id == id) {
                return row;
            }
        }
        return null;
    }

    private static List<Row> read(Path file, boolean withPrimaryGroup) {
        List<Row> rows = new ArrayList<>();
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            return rows;
        }
        for (String line : new String(content, StandardCharsets.ISO_8859_1).split("\n")) {
            // name:password:id:... (group) or name:password:uid:gid:... (passwd); NIS "+"/"-" lines are not names
            String[] fields = line.split(":", -1);
            if (fields.length < (withPrimaryGroup ? 4 : 3) || fields[0].isEmpty()
                    || fields[0].charAt(0) == '+' || fields[0].charAt(0) == '-') {
                continue;
            }
            long id = decimal(fields[2]);
            long primaryGroup = withPrimaryGroup ? decimal(fields[3]) : -1;
            if (id < 0 || (withPrimaryGroup && primaryGroup < 0)) {
                continue;
            }
            rows.add(new Row(fields[0], id, primaryGroup));
        }
        return rows;
    }

    /** A plain decimal id up to 2^32-1, else -1. */
    private static long decimal(String text) {
        if (text.isEmpty() || text.length() > 10) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        long value = Long.parseLong(text);
        return value <= 0xFFFF_FFFFL ? value : -1;
    }
}
