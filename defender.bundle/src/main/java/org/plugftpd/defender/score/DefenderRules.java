package org.plugftpd.defender.score;

import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.plugftpd.defender.net.AddressBlock;
import org.plugftpd.defender.net.AddressList;

/**
 * The defender's rules: points per {@link Offence}, the score that bans within the window, ban
 * lengths (doubling with each repeat up to a cap), the burst limit, allow and deny lists, and the
 * IPv6 prefix scores and bans are kept by (one IPv6 client usually holds a whole /64). The
 * builder's defaults are the shipped configuration; {@link Builder#build} names the first bad key.
 * Immutable.
 */
public final class DefenderRules {
    private final Map<Offence, Integer> points;
    private final int threshold;
    private final Duration window;
    private final int burstConnections;
    private final Duration burstWindow;
    private final Duration banTime;
    private final Duration banTimeMax;
    private final Duration forgetAfter;
    private final AddressList allow;
    private final AddressList deny;
    private final int ipv6Prefix;
    private final int maxTracked;

    private DefenderRules(Builder b) {
        this.points = new EnumMap<>(b.points);
        this.threshold = b.threshold;
        this.window = b.window;
        this.burstConnections = b.burstConnections;
        this.burstWindow = b.burstWindow;
        this.banTime = b.banTime;
        this.banTimeMax = b.banTimeMax;
        this.forgetAfter = b.forgetAfter;
        this.allow = b.allow;
        this.deny = b.deny;
        this.ipv6Prefix = b.ipv6Prefix;
        this.maxTracked = b.maxTracked;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static DefenderRules defaults() {
        return builder().build();
    }

    public int points(Offence offence) {
        return points.get(offence);
    }

    public int threshold() {
        return threshold;
    }

    public Duration window() {
        return window;
    }

    public int burstConnections() {
        return burstConnections;
    }

    public Duration burstWindow() {
        return burstWindow;
    }

    public Duration banTime() {
        return banTime;
    }

    public Duration banTimeMax() {
        return banTimeMax;
    }

    public Duration forgetAfter() {
        return forgetAfter;
    }

    public AddressList allow() {
        return allow;
    }

    public AddressList deny() {
        return deny;
    }

    public int ipv6Prefix() {
        return ipv6Prefix;
    }

    public int maxTracked() {
        return maxTracked;
    }

    /** The block an address is scored and banned as: itself for IPv4, its /ipv6Prefix for IPv6. */
    public AddressBlock keyOf(InetAddress address) {
        AddressBlock single = AddressBlock.of(address);
        return single.ipv4() ? single : AddressBlock.of(address, ipv6Prefix);
    }

    /** True when bans of {@code block} are found by {@link #keyOf} alone (no scan needed). */
    boolean isKeyBlock(AddressBlock block) {
        return block.ipv4() ? block.single() : block.prefix() == ipv6Prefix;
    }

    /** The length of ban number {@code number} (1 = first): banTime, doubled per repeat, at most banTimeMax. */
    public Duration banLength(int number) {
        Duration length = banTime;
        for (int i = 1; i < number && length.compareTo(banTimeMax) < 0; i++) {
            length = length.multipliedBy(2);
        }
        return length.compareTo(banTimeMax) > 0 ? banTimeMax : length;
    }

    @Override
    public String toString() {
        return "ban at score " + threshold + " within " + window.toSeconds() + " s (failed login "
                + points(Offence.LOGIN_FAILED) + ", unknown user " + points(Offence.UNKNOWN_USER) + ", protocol error "
                + points(Offence.PROTOCOL_ERROR) + ", burst connection " + points(Offence.CONNECTION_BURST) + " beyond "
                + burstConnections + " in " + burstWindow.toSeconds() + " s) for " + banTime.toSeconds()
                + " s doubling to " + banTimeMax.toSeconds() + " s; allow " + allow + ", deny " + deny
                + ", IPv6 by /" + ipv6Prefix;
    }

    /** Defaults as shipped in etc/plugftpd.defender.cfg. Not thread-safe. */
    public static final class Builder {
        private final Map<Offence, Integer> points = new EnumMap<>(Map.of(Offence.LOGIN_FAILED, 1,
                Offence.UNKNOWN_USER, 2, Offence.PROTOCOL_ERROR, 1, Offence.CONNECTION_BURST, 1));
        private int threshold = 15;
        private Duration window = Duration.ofMinutes(5);
        private int burstConnections = 20;
        private Duration burstWindow = Duration.ofSeconds(10);
        private Duration banTime = Duration.ofMinutes(30);
        private Duration banTimeMax = Duration.ofHours(24);
        private Duration forgetAfter = Duration.ofHours(24);
        private AddressList allow = AddressList.empty();
        private AddressList deny = AddressList.empty();
        private int ipv6Prefix = 64;
        private int maxTracked = 100_000;

        public Builder points(Offence offence, int value) {
            points.put(offence, value);
            return this;
        }

        public Builder threshold(int value) {
            threshold = value;
            return this;
        }

        public Builder window(Duration value) {
            window = value;
            return this;
        }

        public Builder burst(int connections, Duration within) {
            burstConnections = connections;
            burstWindow = within;
            return this;
        }

        public Builder banTime(Duration first, Duration max) {
            banTime = first;
            banTimeMax = max;
            return this;
        }

        public Builder forgetAfter(Duration value) {
            forgetAfter = value;
            return this;
        }

        public Builder allow(AddressList value) {
            allow = value;
            return this;
        }

        public Builder deny(AddressList value) {
            deny = value;
            return this;
        }

        public Builder ipv6Prefix(int value) {
            ipv6Prefix = value;
            return this;
        }

        public Builder maxTracked(int value) {
            maxTracked = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the configuration key and what is wrong */
        public DefenderRules build() {
            check(points.get(Offence.LOGIN_FAILED), "scoreLoginFailed");
            check(points.get(Offence.UNKNOWN_USER), "scoreUnknownUser");
            check(points.get(Offence.PROTOCOL_ERROR), "scoreProtocolError");
            check(points.get(Offence.CONNECTION_BURST), "scoreConnectionBurst");
            if (threshold < 1) {
                throw new IllegalArgumentException("threshold: " + threshold + " must be at least 1");
            }
            positive(window, "window");
            if (burstConnections < 1) {
                throw new IllegalArgumentException("burstConnections: " + burstConnections + " must be at least 1");
            }
            positive(burstWindow, "burstWindow");
            positive(banTime, "banTime");
            if (banTimeMax.compareTo(banTime) < 0) {
                throw new IllegalArgumentException("banTimeMax: " + banTimeMax.toSeconds()
                        + " s is shorter than banTime (" + banTime.toSeconds() + " s)");
            }
            if (forgetAfter.isNegative()) {
                throw new IllegalArgumentException("forgetAfter: " + forgetAfter.toSeconds() + " must not be negative");
            }
            if (ipv6Prefix < 1 || ipv6Prefix > 128) {
                throw new IllegalArgumentException("ipv6Prefix: " + ipv6Prefix + " must be between 1 and 128");
            }
            if (maxTracked < 100) {
                throw new IllegalArgumentException("maxTracked: " + maxTracked + " must be at least 100");
            }
            return new DefenderRules(this);
        }

        private static void check(int value, String key) {
            if (value < 0 || value > 1000) {
                throw new IllegalArgumentException(key + ": " + value + " must be between 0 (not counted) and 1000");
            }
        }

        private static void positive(Duration d, String key) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(key + ": " + (d == null ? "missing" : d.toSeconds() + " s")
                        + " must be at least 1 second");
            }
        }
    }
}
