package org.plugftpd.auth.puredb.format;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.plugftpd.auth.api.Account;

public class AccountParserTest {

    private static final String HASH = "$argon2id$v=19$m=8192,t=7,p=1$c2FsdA$aGFzaA";

    @Test
    public void everyVectorUserParsesAsPurePwShowDescribesIt() throws Exception {
        Path folder = Vectors.folder("passwd");
        int compared = 0;
        for (Map.Entry<String, byte[]> user : PureDbTest.firstLineOfEachLogin(folder.resolve("pureftpd.passwd")).entrySet()) {
            String login = user.getKey();
            Lookup parsed = AccountParser.parse(login, user.getValue(), "pureftpd.passwd");
            Path show = folder.resolve("show").resolve(login + ".txt");
            if (!Files.exists(show)) {
                continue;
            }
            if (!Files.readString(folder.resolve("show").resolve(login + ".rc")).trim().equals("0")) {
                assertEquals(login, Lookup.Status.INVALID, parsed.status());
                continue;
            }
            assertEquals(login + ": " + parsed.reason(), Lookup.Status.FOUND, parsed.status());
            Map<String, String> shown = showFields(show);
            Account account = parsed.user().account();
            assertEquals(login, shown.get("Login"), account.login());
            assertEquals(login, shown.get("Password"), parsed.user().passwordHash());
            assertEquals(login, shown.get("UID").split(" ")[0], Long.toString(account.uid()));
            assertEquals(login, shown.get("GID").split(" ")[0], Long.toString(account.gid()));
            assertEquals(login, shown.get("Directory"), account.home());
            assertEquals(login, shown.get("Full name"), account.gecos());
            assertNumber(login, shown.get("Download bandwidth"), account.downloadBandwidth(), 1024);
            assertNumber(login, shown.get("Upload   bandwidth"), account.uploadBandwidth(), 1024);
            assertNumber(login, shown.get("Max files"), account.filesQuota(), 1);
            assertNumber(login, shown.get("Max size"), account.sizeQuota(), 1048576);
            assertEquals(login, shown.get("Ratio").split(" ")[0], account.uploadRatio() + ":" + account.downloadRatio());
            assertEquals(login, shown.get("Allowed local  IPs"), String.join(",", account.allowedLocalAddresses()));
            assertEquals(login, shown.get("Denied  local  IPs"), String.join(",", account.deniedLocalAddresses()));
            assertEquals(login, shown.get("Allowed client IPs"), String.join(",", account.allowedClientAddresses()));
            assertEquals(login, shown.get("Denied  client IPs"), String.join(",", account.deniedClientAddresses()));
            String time = shown.get("Time restrictions");
            assertEquals(login, time.endsWith("(enabled)"), account.hasTimeWindow());
            if (account.hasTimeWindow()) {
                assertEquals(login, time.split(" ")[0], String.format("%04d-%04d", account.timeBegin(), account.timeEnd()));
            }
            String sessions = shown.get("Max sim sessions");
            if (sessions.endsWith("(enabled)")) {
                assertEquals(login, sessions.split(" ")[0], Integer.toString(account.maxSessions()));
            } else {
                assertTrue(login, account.maxSessions() <= 0);
            }
            compared++;
        }
        assertTrue("compared " + compared + " users", compared >= 30);
    }

    private static void assertNumber(String login, String shown, long value, long unit) {
        if (shown.endsWith("(enabled)")) {
            assertEquals(login + " " + shown, shown.split(" ")[0], Long.toString(value / unit));
        } else {
            assertEquals(login + " " + shown, Account.UNSET, value);
        }
    }

    private static Map<String, String> showFields(Path show) throws Exception {
        Map<String, String> fields = new HashMap<>();
        for (String line : Files.readAllLines(show, UTF_8)) {
            int separator = line.indexOf(" : ");
            if (separator > 0) {
                String value = line.substring(separator + 3);
                fields.put(line.substring(0, separator).stripTrailing(), value.equals("-") ? "" : value);
            }
        }
        return fields;
    }

    @Test
    public void mandatoryFieldsAreCheckedInOrderAndTheReasonNamesTheField() {
        Object[][] cases = {
            {"", "password hash (field 2) is empty"},
            {":1000:1000::/home/u/./", "password hash (field 2) is empty"},
            {HASH, "uid (field 3) is missing"},
            {HASH + "::1000::/h", "uid (field 3) is empty"},
            {HASH + ":0:1000::/h", "uid (field 3) '0' is 0 (root)"},
            {HASH + ":root:1000::/h", "uid (field 3) 'root' is 0 (root) or not a number"},
            {HASH + ":-1:1000::/h", "uid (field 3) '-1' is 4294967295"},
            {HASH + ":4294967296:1000::/h", "uid (field 3) '4294967296' is 0"},
            {HASH + ":1000", "gid (field 4) is missing"},
            {HASH + ":1000:0::/h", "gid (field 4) '0' is 0"},
            {HASH + ":1000:1000", "gecos (field 5) is missing: the line has only 4 fields"},
            {HASH + ":1000:1000:gecos", "home (field 6) is missing"},
            {HASH + ":1000:1000:gecos:", "home (field 6) is empty"},
            {HASH + ":1000:1000:gecos:home/u", "home (field 6) 'home/u' is not an absolute path"},
            {HASH + ":1000:1000:gecos:~u", "home (field 6) '~u' is not an absolute path"},
        };
        for (Object[] c : cases) {
            Lookup parsed = AccountParser.parse("joe", ((String) c[0]).getBytes(UTF_8), "/etc/pureftpd.passwd:7");
            assertEquals((String) c[0], Lookup.Status.INVALID, parsed.status());
            assertTrue(parsed.reason(), parsed.reason().startsWith("/etc/pureftpd.passwd:7: login 'joe': " + c[1]));
        }
        byte[] badHome = (HASH + ":1000:1000::/home/").getBytes(UTF_8);
        badHome = java.util.Arrays.copyOf(badHome, badHome.length + 1);
        badHome[badHome.length - 1] = (byte) 0xff;
        assertTrue(AccountParser.parse("joe", badHome, "f").reason().contains("home (field 6) is not valid UTF-8"));
    }

    @Test
    public void numbersFollowCStrtoul() {
        Account account = found(HASH + ": 12x:+34::/h").account();
        assertEquals(12, account.uid());
        assertEquals(34, account.gid());
        assertEquals(Lookup.Status.INVALID, AccountParser.parse("joe", (HASH + ":1:1:: /h").getBytes(UTF_8), "f").status());
        assertEquals(4294967295L - 1, found(HASH + ":4294967294:1::/h").account().uid());
        // the C conversions themselves: ctext.CNumbersTest
    }

    @Test
    public void aLineEndingAfterTheHomeGetsServerDefaults() {
        Account account = found(HASH + ":1000:1001:Joe Bloggs:/home/joe/./www").account();
        assertEquals("joe", account.login());
        assertEquals(1000, account.uid());
        assertEquals(1001, account.gid());
        assertEquals("Joe Bloggs", account.gecos());
        assertEquals("/home/joe/", account.chrootRoot());
        assertEquals("/www", account.startDirectory());
        assertEquals(Account.UNSET, account.uploadBandwidth());
        assertEquals(Account.UNSET, account.downloadBandwidth());
        assertFalse(account.hasRatio());
        assertEquals(Account.UNSET, account.maxSessions());
        assertEquals(Account.UNSET, account.filesQuota());
        assertEquals(Account.UNSET, account.sizeQuota());
        assertEquals(List.of(), account.deniedClientAddresses());
        assertFalse(account.hasTimeWindow());
    }

    @Test
    public void everyOptionalFieldIsRead() {
        VirtualUser user = found(HASH + ":1000:1000:G:/h/./:20480:10240:2:3:5:100:5242880:127.0.0.0/8:10.0.0.1:"
                + "127.0.0.1/8,host.example:192.168.0.0/16:900-1800");
        Account account = user.account();
        assertEquals(HASH, user.passwordHash());
        assertEquals(20480, account.uploadBandwidth());
        assertEquals(10240, account.downloadBandwidth());
        assertEquals(2, account.uploadRatio());
        assertEquals(3, account.downloadRatio());
        assertEquals(5, account.maxSessions());
        assertEquals(100, account.filesQuota());
        assertEquals(5242880, account.sizeQuota());
        assertEquals(List.of("127.0.0.0/8"), account.allowedLocalAddresses());
        assertEquals(List.of("10.0.0.1"), account.deniedLocalAddresses());
        assertEquals(List.of("127.0.0.1/8", "host.example"), account.allowedClientAddresses());
        assertEquals(List.of("192.168.0.0/16"), account.deniedClientAddresses());
        assertEquals(900, account.timeBegin());
        assertEquals(1800, account.timeEnd());
    }

    @Test
    public void zeroMeansUnsetForBandwidthAndRatioButIsAValueForSessionsAndQuotas() {
        Account account = found(HASH + ":1:1::/h:0:0:0:0:0:0:0").account();
        assertEquals(Account.UNSET, account.uploadBandwidth());
        assertEquals(Account.UNSET, account.downloadBandwidth());
        assertEquals(0, account.uploadRatio());
        assertEquals(0, account.downloadRatio());
        assertEquals(0, account.maxSessions());
        assertEquals(0, account.filesQuota());
        assertEquals(0, account.sizeQuota());
        Account huge = found(HASH + ":1:1::/h:99999999999999999999:18446744073709551615:4294967295:7:4294967296:"
                + "18446744073709551615:9223372036854775808").account();
        assertEquals(Long.MAX_VALUE, huge.uploadBandwidth());
        assertEquals(Long.MAX_VALUE, huge.downloadBandwidth());
        assertEquals(Integer.MAX_VALUE, huge.uploadRatio());
        assertEquals(0, huge.maxSessions());
        assertEquals(Long.MAX_VALUE, huge.filesQuota());
        assertEquals(Long.MAX_VALUE, huge.sizeQuota());
    }

    @Test
    public void addressListsCountOnlyWhenField17Exists() {
        Account sixteen = found(HASH + ":1:1::/h" + ":".repeat(8) + "10.0.0.1:10.0.0.2:10.0.0.3").account();
        assertEquals(List.of(), sixteen.allowedLocalAddresses());
        assertEquals(List.of(), sixteen.allowedClientAddresses());
        Account seventeen = found(HASH + ":1:1::/h" + ":".repeat(8) + ",:a,:a,,b:,a").account();
        assertEquals(List.of(""), seventeen.allowedLocalAddresses());
        assertEquals(List.of("a"), seventeen.deniedLocalAddresses());
        assertEquals(List.of("a", "", "b"), seventeen.allowedClientAddresses());
        assertEquals(List.of("", "a"), seventeen.deniedClientAddresses());
    }

    @Test
    public void theTimeWindowIsNarrowedToClockTimesWithTheSameEffect() {
        assertWindow("900-1800", 900, 1800);
        assertWindow("0-2359", 0, 2359);
        assertWindow(" 900- 1800 and more", 900, 1800);
        assertWindow("1800-900", 1800, 900);
        assertWindow("0-2400", 0, 2359);
        assertWindow("875-1890", 900, 1859);
        assertWindow("2400-100", 0, 100);
        assertWindow("2200-4294967295", 2200, 2359);
        // -1 is 4294967295 as %u: the server still compares it (pure-pw drops such a window, see PasswdEntryTest)
        assertWindow("-1-5", 0, 5);
        // not %u-%u: 1.0.50 restricts nothing
        for (String loose : new String[] {"abc", "900", "900-", "-", "900 - 1800", "0900:1800"}) {
            assertFalse(loose, found(HASH + ":1:1::/h" + ":".repeat(12) + "" + loose).account().hasTimeWindow());
        }
        for (String never : new String[] {"2360-2400", "1875-1890", "3000-5000"}) {
            Lookup parsed = AccountParser.parse("joe", (HASH + ":1:1::/h" + ":".repeat(12) + "" + never).getBytes(UTF_8), "f");
            assertEquals(never, Lookup.Status.INVALID, parsed.status());
            assertTrue(parsed.reason(), parsed.reason().contains("time window (field 18) '" + never + "' never allows a login"));
        }
    }

    private static void assertWindow(String field, int begin, int end) {
        Account account = found(HASH + ":1:1::/h" + ":".repeat(12) + "" + field).account();
        assertTrue(field, account.hasTimeWindow());
        assertEquals(field, begin, account.timeBegin());
        assertEquals(field, end, account.timeEnd());
    }

    @Test
    public void textIsUtf8AndANulByteEndsTheValue() {
        VirtualUser user = found(HASH + ":1:1:Zoë 中文:/home/zoë/./");
        assertEquals("Zoë 中文", user.account().gecos());
        assertEquals("/home/zoë/./", user.account().home());
        byte[] withNul = (HASH + ":1:1::/h:\0:5:5").getBytes(ISO_8859_1);
        assertEquals(Account.UNSET, found(withNul).account().downloadBandwidth());
        assertEquals("/h", found(withNul).account().home());
    }

    private static VirtualUser found(String value) {
        return found(value.getBytes(UTF_8));
    }

    private static VirtualUser found(byte[] value) {
        Lookup parsed = AccountParser.parse("joe", value, "test");
        assertEquals(parsed.reason(), Lookup.Status.FOUND, parsed.status());
        return parsed.user();
    }
}
