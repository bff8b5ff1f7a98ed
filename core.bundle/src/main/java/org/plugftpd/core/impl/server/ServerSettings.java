package org.plugftpd.core.impl.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.time.Duration;

import org.plugftpd.core.impl.service.ServicePolicy;

/**
 * The validated {@code plugftpd.server} configuration. {@link #parse} checks every key and names
 * the first bad one, so a broken {@code etc/} edit is rejected whole and the running settings stay.
 * Immutable, so sessions can read the current instance without locks.
 */
public final class ServerSettings {


    private final String address;
    private final int port;
    private final String passivePorts;
    private final String externalAddress;
    private final int maxClients;
    private final int maxClientsPerIp;
    private final int maxSessionsPerUser;
    private final int idleTimeout;
    private final int lineTimeout;
    private final int loginTimeout;
    private final String banner;
    private final boolean anonymous;
    private final Path anonymousRoot;
    private final boolean anonymousReadOnly;
    private final boolean createHome;
    private final int maxLoginFailures;
    private final int loginFailureDelay;
    private final int eventQueueCapacity;
    private final boolean dataAddressCheck;
    private final int dataTimeout;
    private final int dataSocketBuffer;
    private final int maxListFiles;
    private final int maxListDepth;
    private final ServicePolicy servicePolicy;

    private ServerSettings(Reader r) throws InvalidSettingException {
        address = r.address("address");
        port = r.integer("port", 2121, 0, 65535);
        passivePorts = r.portRange("passivePorts", "30000-30100");
        externalAddress = r.address("externalAddress");
        maxClients = r.integer("maxClients", 50, 1, 100_000);
        // Pure-FTPd's shipped pure-ftpd.conf: MaxClientsPerIP 8
        maxClientsPerIp = r.integer("maxClientsPerIp", 8, 0, 100_000);
        maxSessionsPerUser = r.integer("maxSessionsPerUser", 0, 0, 100_000);
        idleTimeout = r.integer("idleTimeout", 900, 1, 86_400 * 7);
        lineTimeout = r.integer("lineTimeout", 30, 1, 3600);
        loginTimeout = r.integer("loginTimeout", 60, 1, 86_400);
        banner = r.text("banner", "Welcome to plugftpd");
        anonymous = r.bool("anonymous", false);
        anonymousRoot = r.path("anonymousRoot", "data/pub");
        anonymousReadOnly = r.bool("anonymousReadOnly", true);
        createHome = r.bool("createHome", true);
        maxLoginFailures = r.integer("maxLoginFailures", 5, 1, 1000);
        loginFailureDelay = r.integer("loginFailureDelay", 1500, 0, 60_000);
        eventQueueCapacity = r.integer("eventQueueCapacity", 10_000, 1, 10_000_000);
        dataAddressCheck = r.bool("dataAddressCheck", true);
        dataTimeout = r.integer("dataTimeout", 120, 1, 86_400);
        dataSocketBuffer = r.integer("dataSocketBuffer", 1 << 20, 0, 64 << 20);
        // Pure-FTPd -L <max files>:<max depth>, defaults DEFAULT_MAX_LS_FILES/DEPTH of its ftpd.h
        maxListFiles = r.integer("maxListFiles", 10_000, 1, 1_000_000);
        maxListDepth = r.integer("maxListDepth", 5, 0, 100);
        int serviceTimeout = r.integer("serviceTimeout", 10_000, 0, 600_000);
        boolean quotaOpen = r.choice("quotaFailure", "closed", "closed", "open").equals("open");
        boolean vetoOpen = r.choice("uploadVetoFailure", "closed", "closed", "open").equals("open");
        Set<String> required = r.names("requiredServices", ServicePolicy.KNOWN);
        int grace = r.integer("requiredServiceGrace", 10_000, 0, 600_000);
        servicePolicy = new ServicePolicy(Duration.ofMillis(serviceTimeout), quotaOpen, vetoOpen, required,
                Duration.ofMillis(grace));
        String tls = r.text("tls", "off");
        if (!tls.equals("off")) {
            throw new InvalidSettingException("tls", tls, "only 'off' is supported by this release");
        }
    }

    /** Reads and checks every key of the configuration; missing keys take their defaults. */
    public static ServerSettings parse(Map<String, ?> properties) throws InvalidSettingException {
        return new ServerSettings(new Reader(properties == null ? Map.of() : properties));
    }

    public static ServerSettings defaults() {
        try {
            return parse(Map.of());
        } catch (InvalidSettingException e) {
            throw new IllegalStateException("built-in defaults are invalid", e);
        }
    }

    /** True when going from this to {@code next} needs the listener to be bound again. */
    public boolean needsRebindFor(ServerSettings next) {
        return !Objects.equals(address, next.address) || port != next.port
                || !Objects.equals(passivePorts, next.passivePorts)
                || !Objects.equals(externalAddress, next.externalAddress) || idleTimeout != next.idleTimeout;
    }


    public String address() { return address; }
    public int port() { return port; }
    public String passivePorts() { return passivePorts; }
    public String externalAddress() { return externalAddress; }
    public int maxClients() { return maxClients; }
    public int maxClientsPerIp() { return maxClientsPerIp; }
    public int maxSessionsPerUser() { return maxSessionsPerUser; }
    public int idleTimeout() { return idleTimeout; }
    /** Seconds a client may take to send one command line, or to read back pending replies. */
    public int lineTimeout() { return lineTimeout; }
    /** Seconds from connecting to a successful login. */
    public int loginTimeout() { return loginTimeout; }
    public String banner() { return banner; }
    public boolean anonymous() { return anonymous; }
    public Path anonymousRoot() { return anonymousRoot; }
    public boolean anonymousReadOnly() { return anonymousReadOnly; }
    public boolean createHome() { return createHome; }
    public int maxLoginFailures() { return maxLoginFailures; }
    public int loginFailureDelay() { return loginFailureDelay; }
    public int eventQueueCapacity() { return eventQueueCapacity; }
    public boolean dataAddressCheck() { return dataAddressCheck; }
    public int dataTimeout() { return dataTimeout; }
    public int dataSocketBuffer() { return dataSocketBuffer; }
    public int maxListFiles() { return maxListFiles; }
    public int maxListDepth() { return maxListDepth; }
    /** serviceTimeout, quotaFailure, uploadVetoFailure, requiredServices, requiredServiceGrace. */
    public ServicePolicy servicePolicy() { return servicePolicy; }

    /** The folder relative paths in the configuration are resolved against. */
    public static Path home() {
        String home = System.getProperty("plugftpd.home");
        return Paths.get(home == null || home.isBlank() ? System.getProperty("user.dir") : home);
    }

    /** Typed access to the raw properties; every failure names its key. */
    private static final class Reader {
        private final Map<String, ?> props;

        Reader(Map<String, ?> props) {
            this.props = props;
        }

        private String raw(String key) {
            Object v = props.get(key);
            if (v == null) {
                return null;
            }
            if (v instanceof String[] && ((String[]) v).length > 0) {
                v = ((String[]) v)[0];
            }
            return v.toString().trim();
        }

        String text(String key, String def) throws InvalidSettingException {
            String v = raw(key);
            if (v == null) {
                return def;
            }
            for (int i = 0; i < v.length(); i++) {
                if (v.charAt(i) < 0x20 || v.charAt(i) == 0x7f) {
                    throw new InvalidSettingException(key, v, "contains a control character");
                }
            }
            return v;
        }

        int integer(String key, int def, int min, int max) throws InvalidSettingException {
            String v = raw(key);
            if (v == null || v.isEmpty()) {
                return def;
            }
            int n;
            try {
                n = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(key, v, "not a whole number");
            }
            if (n < min || n > max) {
                throw new InvalidSettingException(key, v, "must be between " + min + " and " + max);
            }
            return n;
        }

        String choice(String key, String def, String... allowed) throws InvalidSettingException {
            String v = raw(key);
            if (v == null || v.isEmpty()) {
                return def;
            }
            for (String a : allowed) {
                if (a.equalsIgnoreCase(v)) {
                    return a;
                }
            }
            throw new InvalidSettingException(key, v, "must be one of " + String.join(", ", allowed));
        }

        /** A comma-separated list of names, each one of {@code known}. */
        Set<String> names(String key, Set<String> known) throws InvalidSettingException {
            String v = raw(key);
            if (v == null || v.isEmpty()) {
                return Set.of();
            }
            Set<String> names = new TreeSet<>();
            for (String part : v.split(",")) {
                String name = part.trim();
                if (name.isEmpty()) {
                    continue;
                }
                if (!known.contains(name)) {
                    throw new InvalidSettingException(key, v, "'" + name + "' is not one of " + new TreeSet<>(known));
                }
                names.add(name);
            }
            return names;
        }

        boolean bool(String key, boolean def) throws InvalidSettingException {
            String v = raw(key);
            if (v == null || v.isEmpty()) {
                return def;
            }
            switch (v.toLowerCase(java.util.Locale.ROOT)) {
                case "true": case "yes": case "on": return true;
                case "false": case "no": case "off": return false;
                default: throw new InvalidSettingException(key, v, "must be true or false");
            }
        }

        String address(String key) throws InvalidSettingException {
            String v = raw(key);
            if (v == null || v.isEmpty()) {
                return "";
            }
            if (!v.matches("[0-9A-Za-z.:%\\-\\[\\]]+")) {
                throw new InvalidSettingException(key, v, "not an IP address or host name");
            }
            try {
                InetAddress.getByName(v);
            } catch (UnknownHostException e) {
                throw new InvalidSettingException(key, v, "does not resolve");
            }
            return v;
        }

        String portRange(String key, String def) throws InvalidSettingException {
            String v = raw(key);
            if (v == null) {
                return def;
            }
            if (v.isEmpty()) {
                return "";
            }
            // FtpServer's syntax: comma separated ports and ranges (30000-30100, 30200)
            for (String part : v.split(",")) {
                String[] ends = part.trim().split("-", -1);
                if (ends.length > 2) {
                    throw new InvalidSettingException(key, v, "expected ports or ranges like 30000-30100");
                }
                int lo = port(key, v, ends[0]);
                int hi = ends.length == 2 ? port(key, v, ends[1]) : lo;
                if (lo > hi) {
                    throw new InvalidSettingException(key, v, "range " + part.trim() + " ends before it starts");
                }
            }
            return v;
        }

        private static int port(String key, String whole, String s) throws InvalidSettingException {
            try {
                int p = Integer.parseInt(s.trim());
                if (p >= 1 && p <= 65535) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidSettingException(key, whole, "'" + s.trim() + "' is not a port (1-65535)");
        }

        Path path(String key, String def) throws InvalidSettingException {
            String v = raw(key);
            if (v == null || v.isEmpty()) {
                v = def;
            }
            if (v.indexOf('\0') >= 0) {
                throw new InvalidSettingException(key, v, "contains NUL");
            }
            try {
                Path p = Paths.get(v);
                return p.isAbsolute() ? p.normalize() : home().resolve(p).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw new InvalidSettingException(key, v, "not a valid path");
            }
        }
    }
}
