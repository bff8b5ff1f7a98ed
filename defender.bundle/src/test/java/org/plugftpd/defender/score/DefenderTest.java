package org.plugftpd.defender.score;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.plugftpd.defender.net.AddressBlock;
import org.plugftpd.defender.net.AddressList;

public class DefenderTest {
    private final TestClock clock = new TestClock();
    private final List<String> lines = new ArrayList<>();

    private Defender defender(DefenderRules rules) {
        return new Defender(rules, clock, (ban, address) -> lines.add(BanLine.of(address, ban)));
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static DefenderRules.Builder small() {
        return DefenderRules.builder().threshold(5).window(Duration.ofMinutes(5))
                .banTime(Duration.ofMinutes(30), Duration.ofHours(24));
    }

    @Test
    public void reachingTheThresholdBansWithOneLineNamingTheScore() throws Exception {
        Defender d = defender(small().build());
        InetAddress a = ip("203.0.113.7");
        for (int i = 0; i < 3; i++) {
            d.record(a, Offence.LOGIN_FAILED);
        }
        assertTrue(d.admit(a).allowed());
        d.record(a, Offence.UNKNOWN_USER); // 3 + 2 = 5
        assertEquals(List.of("plugftpd defender: banned 203.0.113.7 for 1800 s"
                + " (score 5 in 300 s: 3 failed logins, 1 unknown user)"), lines);
        assertEquals("Your address is banned for another 30 minutes", d.admit(a).refusal().orElseThrow());
        assertTrue(d.admit(ip("203.0.113.8")).allowed());
        // offences while banned neither extend the ban nor log again
        d.record(a, Offence.LOGIN_FAILED);
        assertEquals(1, lines.size());
    }

    @Test
    public void offencesOlderThanTheWindowNoLongerCount() throws Exception {
        Defender d = defender(small().build());
        InetAddress a = ip("198.51.100.1");
        for (int i = 0; i < 4; i++) {
            d.record(a, Offence.LOGIN_FAILED);
        }
        clock.advance(Duration.ofMinutes(5));
        d.record(a, Offence.LOGIN_FAILED);
        assertTrue(lines.isEmpty());
        assertTrue(d.admit(a).allowed());
    }

    @Test
    public void eachRepeatDoublesTheBanUpToTheCapAndACleanPeriodForgetsThem() throws Exception {
        Defender d = defender(small().banTime(Duration.ofMinutes(30), Duration.ofHours(1)).forgetAfter(Duration.ofHours(2)).build());
        InetAddress a = ip("192.0.2.9");
        long[] expected = {1800, 3600, 3600};
        for (long seconds : expected) {
            for (int i = 0; i < 5; i++) {
                d.record(a, Offence.LOGIN_FAILED);
            }
            Ban ban = d.activeBans().get(0);
            assertEquals(seconds, ban.length().toSeconds());
            clock.advance(ban.length());
            assertTrue(d.admit(a).allowed());
        }
        assertTrue(lines.get(1), lines.get(1).endsWith("; ban 2)"));
        clock.advance(Duration.ofHours(2));
        for (int i = 0; i < 5; i++) {
            d.record(a, Offence.LOGIN_FAILED);
        }
        assertEquals(1, d.activeBans().get(0).number());
        assertEquals(1800, d.activeBans().get(0).length().toSeconds());
    }

    @Test
    public void banLengthsDoubleWithoutOverflow() {
        DefenderRules r = DefenderRules.defaults();
        assertEquals(Duration.ofMinutes(30), r.banLength(1));
        assertEquals(Duration.ofMinutes(60), r.banLength(2));
        assertEquals(Duration.ofHours(16), r.banLength(6));
        assertEquals(Duration.ofHours(24), r.banLength(7));
        assertEquals(Duration.ofHours(24), r.banLength(10_000));
    }

    @Test
    public void theAllowListIsNeverBannedAndTheDenyListAlwaysRefused() throws Exception {
        Defender d = defender(small().allow(AddressList.parse("127.0.0.0/8")).deny(AddressList.parse("2001:db8:bad::/48"))
                .burst(1, Duration.ofSeconds(10)).build());
        InetAddress local = ip("127.0.0.1");
        for (int i = 0; i < 50; i++) {
            d.record(local, Offence.UNKNOWN_USER);
            assertTrue(d.admit(local).allowed());
        }
        assertTrue(lines.isEmpty());
        assertEquals("Connections from your address are not accepted",
                d.admit(ip("2001:db8:bad:1::5")).refusal().orElseThrow());
        assertTrue(d.admit(ip("2001:db8:bae::5")).allowed());
    }

    @Test
    public void aBurstOfConnectionsScoresEachOneBeyondTheLimit() throws Exception {
        Defender d = defender(small().threshold(3).burst(4, Duration.ofSeconds(10)).build());
        InetAddress a = ip("192.0.2.50");
        for (int i = 0; i < 6; i++) {
            assertTrue("connection " + (i + 1), d.admit(a).allowed()); // 5th and 6th score 1 each
        }
        assertFalse(d.admit(a).allowed()); // the 7th reaches 3
        assertEquals(List.of("plugftpd defender: banned 192.0.2.50 for 1800 s (score 3 in 300 s: 3 connections in a burst)"),
                lines);
    }

    @Test
    public void connectionsSpreadOverTimeAreNoBurst() throws Exception {
        Defender d = defender(small().threshold(1).burst(2, Duration.ofSeconds(10)).build());
        InetAddress a = ip("192.0.2.51");
        for (int i = 0; i < 20; i++) {
            assertTrue(d.admit(a).allowed());
            clock.advance(Duration.ofSeconds(5));
        }
    }

    @Test
    public void ipv6IsScoredAndBannedByItsPrefix() throws Exception {
        Defender d = defender(small().build());
        for (int i = 1; i <= 5; i++) {
            d.record(ip("2001:db8:1:2::" + i), Offence.LOGIN_FAILED);
        }
        assertFalse(d.admit(ip("2001:db8:1:2:ffff::1")).allowed());
        assertTrue(d.admit(ip("2001:db8:1:3::1")).allowed());
        assertEquals("plugftpd defender: banned 2001:db8:1:2::5 for 1800 s"
                + " (score 5 in 300 s: 5 failed logins; block 2001:db8:1:2::/64)", lines.get(0));
    }

    @Test
    public void aBanByHandOfAWholeBlockRefusesEveryAddressInIt() throws Exception {
        Defender d = defender(small().build());
        Ban ban = d.ban(AddressBlock.parse("10.0.0.0/8"), Duration.ofSeconds(90), "added by the administrator");
        assertEquals(90, ban.length().toSeconds());
        assertEquals("Your address is banned for another 90 seconds", d.admit(ip("10.20.30.40")).refusal().orElseThrow());
        assertTrue(d.admit(ip("11.0.0.1")).allowed());
        assertEquals(List.of("plugftpd defender: banned 10.0.0.0/8 for 90 s (added by the administrator)"), lines);
        clock.advance(Duration.ofSeconds(90));
        assertTrue(d.admit(ip("10.20.30.40")).allowed());
    }

    @Test
    public void liftingABanLetsTheAddressInAndForgetsItsRecord() throws Exception {
        Defender d = defender(small().build());
        InetAddress a = ip("203.0.113.70");
        for (int i = 0; i < 5; i++) {
            d.record(a, Offence.LOGIN_FAILED);
        }
        assertEquals(1, d.unban(AddressBlock.of(a)).size());
        assertTrue(d.admit(a).allowed());
        for (int i = 0; i < 5; i++) {
            d.record(a, Offence.LOGIN_FAILED);
        }
        assertEquals("a lifted ban does not count as a repeat", 1, d.activeBans().get(0).number());
        assertTrue(d.unban(AddressBlock.parse("203.0.113.71")).isEmpty());
        // a single IPv6 address lifts the /64 ban that holds it
        for (int i = 0; i < 5; i++) {
            d.record(ip("2001:db8::1"), Offence.LOGIN_FAILED);
        }
        assertEquals(1, d.unban(AddressBlock.parse("2001:db8::99")).size());
    }

    @Test
    public void restoredBansHoldAndTheirRepeatCountGoesOn() throws Exception {
        Defender first = defender(small().build());
        InetAddress a = ip("198.51.100.20");
        for (int i = 0; i < 5; i++) {
            first.record(a, Offence.LOGIN_FAILED);
        }
        Defender second = defender(small().build());
        second.restore(first.remembered());
        assertFalse(second.admit(a).allowed());
        clock.advance(Duration.ofMinutes(30));
        assertTrue(second.admit(a).allowed());
        for (int i = 0; i < 5; i++) {
            second.record(a, Offence.LOGIN_FAILED);
        }
        assertEquals(2, second.activeBans().get(0).number());
    }

    @Test
    public void scoresKeptAreBoundedByMaxTracked() throws Exception {
        Defender d = defender(small().maxTracked(100).build());
        for (int i = 0; i < 1000; i++) {
            d.record(ip("10.0." + (i / 256) + "." + (i % 256)), Offence.LOGIN_FAILED);
        }
        assertEquals(100, d.tracked());
        clock.advance(Duration.ofMinutes(6));
        d.sweep();
        assertEquals(0, d.tracked());
    }

    @Test
    public void theBanLineMatchesTheDocumentedFail2banFilter() {
        Ban ban = new Ban(AddressBlock.parse("203.0.113.7"), clock.instant(), clock.instant().plusSeconds(1800), 1,
                "score 16 in 300 s: 12 failed logins, 2 unknown users");
        String line = "2026-12-04T12:00:00.000+0000 [plugftpd-guard x] WARN org.plugftpd.defender - "
                + BanLine.of("203.0.113.7", ban);
        // README's failregex with fail2ban's <HOST> spelled out for IPv4 and IPv6
        assertTrue(line.matches(".*plugftpd defender: banned ([0-9.]+|[0-9a-f:]+) for \\d+ s \\(.*\\)$"));
        assertTrue(line.endsWith("banned 203.0.113.7 for 1800 s (score 16 in 300 s: 12 failed logins, 2 unknown users)"));
    }

    @Test
    public void badRulesNameTheirKey() {
        assertKey("threshold", () -> DefenderRules.builder().threshold(0).build());
        assertKey("banTimeMax", () -> DefenderRules.builder().banTime(Duration.ofHours(2), Duration.ofHours(1)).build());
        assertKey("ipv6Prefix", () -> DefenderRules.builder().ipv6Prefix(129).build());
        assertKey("scoreUnknownUser", () -> DefenderRules.builder().points(Offence.UNKNOWN_USER, -1).build());
        assertKey("window", () -> DefenderRules.builder().window(Duration.ZERO).build());
    }

    private static void assertKey(String key, Runnable build) {
        try {
            build.run();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith(key + ":"));
            return;
        }
        throw new AssertionError("no error for " + key);
    }
}
