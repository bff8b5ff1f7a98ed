package org.plugftpd.defender.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.plugftpd.defender.net.AddressBlock;
import org.plugftpd.defender.score.Ban;

public class BanFileTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final Instant T = Instant.parse("2026-12-04T12:00:00Z");

    private static Ban ban(String block, int number, String reason) {
        return new Ban(AddressBlock.parse(block), T, T.plusSeconds(1800), number, reason);
    }

    @Test
    public void bansWrittenAreTheBansReadBack() throws Exception {
        Path p = tmp.getRoot().toPath().resolve("data/defender.bans");
        BanFile f = new BanFile(p);
        List<Ban> bans = List.of(ban("203.0.113.7", 1, "score 16 in 300 s: 16 failed logins"),
                ban("2001:db8:1:2::/64", 3, "score 15 in 300 s: 15 protocol errors"));
        f.write(bans);
        BanFile.Contents c = new BanFile(p).read();
        assertEquals(bans, c.bans());
        assertTrue(c.problems().isEmpty());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        assertFalse("no temporary file left", Files.exists(p.resolveSibling(".defender.bans.tmp")));
    }

    @Test
    public void aMissingFileIsNoBans() {
        BanFile.Contents c = new BanFile(tmp.getRoot().toPath().resolve("none")).read();
        assertTrue(c.bans().isEmpty());
        assertTrue(c.problems().isEmpty());
    }

    @Test
    public void badLinesAreReportedWithTheirNumberAndTheRestIsKept() throws Exception {
        Path p = tmp.getRoot().toPath().resolve("defender.bans");
        Files.write(p, (BanFile.HEADER + "\n203.0.113.7 1764849600 1764851400 1 ok\nnonsense\n"
                + "example.com 1 2 1 dns\n198.51.100.1 20 10 1 backwards\n192.0.2.1 1764849600 1764851400 2 fine\n")
                .getBytes(StandardCharsets.UTF_8));
        BanFile.Contents c = new BanFile(p).read();
        assertEquals(2, c.bans().size());
        assertEquals(3, c.problems().size());
        assertTrue(c.problems().get(0), c.problems().get(0).startsWith(p + ":3: "));
        assertNotNull(c.keptAside());
        assertTrue(Files.exists(c.keptAside()));
    }

    @Test
    public void aFileThatIsNotOursIsIgnoredWholeAndKeptAside() throws Exception {
        Path p = tmp.getRoot().toPath().resolve("defender.bans");
        Files.write(p, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n'});
        BanFile.Contents c = new BanFile(p).read();
        assertTrue(c.bans().isEmpty());
        assertEquals(1, c.problems().size());
        Files.write(p, "root:x:0:0::/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8));
        c = new BanFile(p).read();
        assertTrue(c.bans().isEmpty());
        assertTrue(c.problems().get(0), c.problems().get(0).contains("not a plugftpd defender ban file"));
        assertEquals("root:x:0:0::/root:/bin/sh\n", Files.readString(c.keptAside()));
    }

    @Test
    public void aReasonCannotBreakTheOneLinePerBanLayout() throws Exception {
        Path p = tmp.getRoot().toPath().resolve("defender.bans");
        new BanFile(p).write(List.of(ban("192.0.2.1", 1, "evil\n203.0.113.9 1 99999999999 1 injected")));
        BanFile.Contents c = new BanFile(p).read();
        assertEquals(1, c.bans().size());
        assertTrue(c.problems().isEmpty());
    }

    @Test
    public void theStoreWritesWhatIsCurrentWhenClosed() throws Exception {
        Path p = tmp.getRoot().toPath().resolve("defender.bans");
        List<Ban> current = List.of(ban("192.0.2.77", 1, "x"));
        BanStore store = new BanStore(new BanFile(p), () -> current);
        store.saveSoon();
        store.close();
        assertEquals(current, new BanFile(p).read().bans());
    }
}
