package org.plugftpd.auth.api;

import java.util.List;
import java.util.Objects;

/**
 * Everything a virtual user carries in a {@code pureftpd.passwd} line (spec/passwd.md §1), in the
 * units Pure-FTPd uses: bandwidth in bytes per second, size quota in bytes. Immutable; build one
 * with {@link #builder(String)}.
 * <p>"Not set" is {@link #UNSET} for numbers and an empty list or null for the rest. The core
 * enforces the settings that are the server's job (chroot, bandwidth, ratios, sessions, addresses,
 * time window); quotas are the {@code QuotaService}'s.
 */
public final class Account {

    /** The value of a numeric setting the account does not set. */
    public static final long UNSET = -1;

    private static final String CHROOT_MARK = "/./";

    private final String login;
    private final long uid;
    private final long gid;
    private final String gecos;
    private final String home;
    private final long uploadBandwidth;
    private final long downloadBandwidth;
    private final int uploadRatio;
    private final int downloadRatio;
    private final int maxSessions;
    private final long filesQuota;
    private final long sizeQuota;
    private final List<String> allowedLocalAddresses;
    private final List<String> deniedLocalAddresses;
    private final List<String> allowedClientAddresses;
    private final List<String> deniedClientAddresses;
    private final int timeBegin;
    private final int timeEnd;

    private Account(Builder b) {
        this.login = b.login;
        this.uid = b.uid;
        this.gid = b.gid;
        this.gecos = b.gecos;
        this.home = Objects.requireNonNull(b.home, "home");
        this.uploadBandwidth = b.uploadBandwidth;
        this.downloadBandwidth = b.downloadBandwidth;
        this.uploadRatio = b.uploadRatio;
        this.downloadRatio = b.downloadRatio;
        this.maxSessions = b.maxSessions;
        this.filesQuota = b.filesQuota;
        this.sizeQuota = b.sizeQuota;
        this.allowedLocalAddresses = List.copyOf(b.allowedLocalAddresses);
        this.deniedLocalAddresses = List.copyOf(b.deniedLocalAddresses);
        this.allowedClientAddresses = List.copyOf(b.allowedClientAddresses);
        this.deniedClientAddresses = List.copyOf(b.deniedClientAddresses);
        this.timeBegin = b.timeBegin;
        this.timeEnd = b.timeEnd;
    }

    public static Builder builder(String login) {
        return new Builder(login);
    }

    /** A builder preset with every value of this account. */
    public Builder toBuilder() {
        Builder b = new Builder(login).uid(uid).gid(gid).gecos(gecos).home(home)
                .uploadBandwidth(uploadBandwidth).downloadBandwidth(downloadBandwidth)
                .ratio(uploadRatio, downloadRatio).maxSessions(maxSessions)
                .filesQuota(filesQuota).sizeQuota(sizeQuota)
                .allowedLocalAddresses(allowedLocalAddresses).deniedLocalAddresses(deniedLocalAddresses)
                .allowedClientAddresses(allowedClientAddresses).deniedClientAddresses(deniedClientAddresses);
        b.timeBegin = timeBegin;
        b.timeEnd = timeEnd;
        return b;
    }

    public String login() {
        return login;
    }

    public long uid() {
        return uid;
    }

    public long gid() {
        return gid;
    }

    /** Free text (field 5), possibly empty. */
    public String gecos() {
        return gecos;
    }

    /** The home as stored, e.g. {@code /home/joe/./www}. */
    public String home() {
        return home;
    }

    /** True when the home holds the {@code /./} chroot mark (spec/passwd.md §1.2). */
    public boolean chrooted() {
        return home.contains(CHROOT_MARK);
    }

    /** The directory the session is jailed in: the part of the home before {@code /./}, or the home. */
    public String chrootRoot() {
        int mark = home.indexOf(CHROOT_MARK);
        return mark < 0 ? home : home.substring(0, mark + 1);
    }

    /** The start directory inside the jail: the part after {@code /./} (at least {@code /}). */
    public String startDirectory() {
        int mark = home.indexOf(CHROOT_MARK);
        if (mark < 0) {
            return "/";
        }
        String rest = home.substring(mark + 2);
        return rest.isEmpty() ? "/" : rest;
    }

    /** Upload bandwidth in bytes/s (field 7); {@link #UNSET} or 0 mean unlimited. */
    public long uploadBandwidth() {
        return uploadBandwidth;
    }

    /** Download bandwidth in bytes/s (field 8); {@link #UNSET} or 0 mean unlimited. */
    public long downloadBandwidth() {
        return downloadBandwidth;
    }

    /** Upload part of the ratio (field 9), 0 when there is no ratio. */
    public int uploadRatio() {
        return uploadRatio;
    }

    /** Download part of the ratio (field 10), 0 when there is no ratio. */
    public int downloadRatio() {
        return downloadRatio;
    }

    /** True when both parts of the ratio are set (Pure-FTPd applies a ratio only then). */
    public boolean hasRatio() {
        return uploadRatio > 0 && downloadRatio > 0;
    }

    /** Max concurrent sessions (field 11): {@link #UNSET} = server default, 0 = no limit. */
    public int maxSessions() {
        return maxSessions;
    }

    /** Max number of files (field 12) or {@link #UNSET}. */
    public long filesQuota() {
        return filesQuota;
    }

    /** Max bytes (field 13) or {@link #UNSET}. */
    public long sizeQuota() {
        return sizeQuota;
    }

    /** Field 14: server addresses this account may log in through (empty = any). */
    public List<String> allowedLocalAddresses() {
        return allowedLocalAddresses;
    }

    /** Field 15. */
    public List<String> deniedLocalAddresses() {
        return deniedLocalAddresses;
    }

    /** Field 16: client addresses this account may log in from (empty = any). */
    public List<String> allowedClientAddresses() {
        return allowedClientAddresses;
    }

    /** Field 17. */
    public List<String> deniedClientAddresses() {
        return deniedClientAddresses;
    }

    /** True when field 18 sets a login time window. */
    public boolean hasTimeWindow() {
        return timeBegin >= 0 && timeEnd >= 0;
    }

    /** Window start as {@code hhmm} (e.g. 900), or -1. */
    public int timeBegin() {
        return timeBegin;
    }

    /** Window end as {@code hhmm} (e.g. 1800), or -1. */
    public int timeEnd() {
        return timeEnd;
    }

    @Override
    public String toString() {
        return "Account[" + login + " uid=" + uid + " gid=" + gid + " home=" + home + "]";
    }

    /** Collects an account's settings; everything but the login and the home is optional. */
    public static final class Builder {
        private final String login;
        private long uid = UNSET;
        private long gid = UNSET;
        private String gecos = "";
        private String home;
        private long uploadBandwidth = UNSET;
        private long downloadBandwidth = UNSET;
        private int uploadRatio;
        private int downloadRatio;
        private int maxSessions = (int) UNSET;
        private long filesQuota = UNSET;
        private long sizeQuota = UNSET;
        private List<String> allowedLocalAddresses = List.of();
        private List<String> deniedLocalAddresses = List.of();
        private List<String> allowedClientAddresses = List.of();
        private List<String> deniedClientAddresses = List.of();
        private int timeBegin = -1;
        private int timeEnd = -1;

        private Builder(String login) {
            this.login = Objects.requireNonNull(login, "login");
        }

        public Builder uid(long uid) {
            this.uid = uid;
            return this;
        }

        public Builder gid(long gid) {
            this.gid = gid;
            return this;
        }

        public Builder gecos(String gecos) {
            this.gecos = gecos == null ? "" : gecos;
            return this;
        }

        /** The home as stored, with {@code /./} where the chroot point is. Must be absolute. */
        public Builder home(String home) {
            if (home == null || !home.startsWith("/")) {
                throw new IllegalArgumentException("home must be an absolute path: " + home);
            }
            this.home = home;
            return this;
        }

        public Builder uploadBandwidth(long bytesPerSecond) {
            this.uploadBandwidth = bytesPerSecond;
            return this;
        }

        public Builder downloadBandwidth(long bytesPerSecond) {
            this.downloadBandwidth = bytesPerSecond;
            return this;
        }

        public Builder ratio(int upload, int download) {
            this.uploadRatio = Math.max(0, upload);
            this.downloadRatio = Math.max(0, download);
            return this;
        }

        public Builder maxSessions(int maxSessions) {
            this.maxSessions = maxSessions;
            return this;
        }

        public Builder filesQuota(long files) {
            this.filesQuota = files;
            return this;
        }

        public Builder sizeQuota(long bytes) {
            this.sizeQuota = bytes;
            return this;
        }

        public Builder allowedLocalAddresses(List<String> entries) {
            this.allowedLocalAddresses = entries;
            return this;
        }

        public Builder deniedLocalAddresses(List<String> entries) {
            this.deniedLocalAddresses = entries;
            return this;
        }

        public Builder allowedClientAddresses(List<String> entries) {
            this.allowedClientAddresses = entries;
            return this;
        }

        public Builder deniedClientAddresses(List<String> entries) {
            this.deniedClientAddresses = entries;
            return this;
        }

        /**
         * The login window, both ends as {@code hhmm} (0..2359, minutes below 60); a window with
         * begin after end spans midnight (spec/passwd.md §2.2 step 11).
         */
        public Builder timeWindow(int begin, int end) {
            if (!validClock(begin) || !validClock(end)) {
                throw new IllegalArgumentException("time window must be hhmm-hhmm: " + begin + "-" + end);
            }
            this.timeBegin = begin;
            this.timeEnd = end;
            return this;
        }

        private static boolean validClock(int hhmm) {
            return hhmm >= 0 && hhmm < 2360 && hhmm % 100 < 60;
        }

        public Account build() {
            return new Account(this);
        }
    }
}
