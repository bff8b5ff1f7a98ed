package org.plugftpd.core.impl.listing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * LIST and MLSD lines of real temp files against the Pure-FTPd 1.0.50 listings recorded in
 * vectors/transcript (data-list.bin, data-mlsd.bin). Owner, group, directory size, device
 * and inode are machine-specific: the test puts the recorded values into the facts it read, so
 * the comparison is byte exact on everything the formatter decides.
 */
public class PureFtpdListingTest {
    // the capture's server ran in UTC; its LIST came at 15:32 on 2026-11-25
    private static final Instant RECORDED_NOW = Instant.parse("2026-11-25T15:32:20Z");
    private static final ZoneId SERVER_ZONE = ZoneOffset.UTC;
    private static final Instant RECENT = Instant.parse("2026-11-25T15:32:13Z");
    private static final Instant OLD = Instant.parse("2021-03-04T05:06:07Z");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void listLinesMatchTheRecordedListingByteForByte() throws IOException {
        Path dir = temp.newFolder("home").toPath();
        List<EntryFacts> entries = List.of(
                recorded(directory(dir.resolve("dir-dev"), "rwxr-xr-x", RECENT), 2990, 2990, 0, 0),
                recorded(file(dir.resolve("existing-dev.txt"), 1013, "rw-r--r--", OLD), 2990, 0, 0, 0),
                recorded(file(dir.resolve("my report 2024.txt"), 1001, "rw-r--r--", RECENT), 2990, 2990, 0, 0),
                recorded(file(dir.resolve("renamed-dev.txt"), 1000, "rw-r--r--", RECENT), 2990, 2990, 0, 0));
        PureFtpdListing format = new PureFtpdListing(RECORDED_NOW, SERVER_ZONE);
        StringBuilder sb = new StringBuilder();
        for (EntryFacts f : entries) {
            format.appendLong(sb, f);
        }
        // plugftpd's users are virtual: their own group shows as a number, not as "ftpvec"
        assertEquals(vector("data-list.bin").replace("ftpvec    ", "2990      "), sb.toString());
    }

    @Test
    public void mlsdLinesMatchTheRecordedListingByteForByte() throws IOException {
        Path dir = temp.newFolder("home").toPath();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setLastModifiedTime(dir, FileTime.from(RECENT));
        EntryFacts self = recorded(EntryFacts.read(dir, "."), 2990, 2990, 0xfe00, 0x212084);
        List<EntryFacts> entries = List.of(self,
                recorded(file(dir.resolve("existing-dev.txt"), 1013, "rw-r--r--", OLD), 2990, 0, 0xfe00, 0x2120a6),
                recorded(directory(dir.resolve("dir-dev"), "rwxr-xr-x", RECENT), 2990, 2990, 0xfe00, 0x21210b),
                recorded(file(dir.resolve("renamed-dev.txt"), 1000, "rw-r--r--", RECENT), 2990, 2990, 0xfe00, 0x212119),
                self.named(".."),
                recorded(file(dir.resolve("my report 2024.txt"), 1001, "rw-r--r--", RECENT), 2990, 2990, 0xfe00,
                        0x21212b));
        StringBuilder sb = new StringBuilder();
        for (EntryFacts f : entries) {
            PureFtpdListing.appendFacts(sb, f, f.name().equals(".") ? "cdir" : f.name().equals("..") ? "pdir" : null,
                    true);
            sb.append("\r\n");
        }
        assertEquals(vector("data-mlsd.bin"), sb.toString());
    }

    @Test
    public void anonymousFactsLeaveOutOwnerAndGroup() throws IOException {
        EntryFacts f = recorded(file(temp.getRoot().toPath().resolve("a"), 5, "rw-r--r--", OLD), 1, 2, 0x10, 0x20);
        StringBuilder sb = new StringBuilder();
        PureFtpdListing.appendFacts(sb, f, null, false);
        assertEquals("type=file;size=5;modify=20210304050607;UNIX.mode=0644;unique=10g20; a", sb.toString());
    }

    @Test
    public void factsReadFromDiskAreTheEntrysOwn() throws IOException {
        Path p = file(temp.getRoot().toPath().resolve("x.bin"), 12345, "rw-r-----", OLD);
        EntryFacts f = EntryFacts.read(p, "x.bin");
        assertTrue(f.isRegularFile());
        assertEquals(0640, f.mode() & 07777);
        assertEquals(12345, f.size());
        assertEquals(OLD.toEpochMilli(), f.modifiedMillis());
        assertEquals(1, f.links());
        assertEquals(((Number) Files.getAttribute(p, "unix:uid")).longValue(), f.uid());
        assertEquals(((Number) Files.getAttribute(p, "unix:ino")).longValue(), f.inode());
    }

    @Test
    public void symlinkIsListedAsTheLinkWithItsTargetText() throws IOException {
        Path dir = temp.getRoot().toPath();
        file(dir.resolve("target.txt"), 3, "rw-r--r--", OLD);
        Path link = Files.createSymbolicLink(dir.resolve("link"), Paths.get("target.txt"));
        EntryFacts f = EntryFacts.read(link, "link");
        assertTrue(f.isSymbolicLink());
        assertTrue(PureFtpdListing.isListed(f));
        StringBuilder sb = new StringBuilder();
        new PureFtpdListing(RECORDED_NOW, SERVER_ZONE).appendLong(sb, f);
        assertTrue(sb.toString(), sb.toString().startsWith("lrwxrwxrwx    1 "));
        assertTrue(sb.toString(), sb.toString().endsWith(" link -> target.txt\r\n"));
        assertEquals("OS.unix=slink:target.txt", PureFtpdListing.typeOf(f));
    }

    @Test
    public void symlinkTargetThatWouldBreakTheFactsIsNotShown() {
        EntryFacts f = new EntryFacts("l", 0120777, 1, 0, 0, 3, 0, 1, 2, "a;b");
        assertEquals("OS.unix=symlink", PureFtpdListing.typeOf(f));
    }

    @Test
    public void setuidSetgidAndStickyBitsUseSAndT() {
        assertEquals("-rwsr-xr-x", mode(0104755));
        assertEquals("-rwSr--r--", mode(0104644));
        assertEquals("-rwxr-sr-x", mode(0102755));
        assertEquals("-rw-r-Sr--", mode(0102644));
        assertEquals("drwxrwxrwt", mode(0041777));
        assertEquals("drwxrwxrwT", mode(0041776));
        assertEquals("----------", mode(0100000));
    }

    @Test
    public void sizesFromTenGigabytesOnGetTheWideColumn() {
        PureFtpdListing format = new PureFtpdListing(RECORDED_NOW, SERVER_ZONE);
        StringBuilder sb = new StringBuilder();
        format.appendLong(sb, new EntryFacts("big", 0100644, 1, 0, 0, 9_999_999_999L, OLD.toEpochMilli(), 0, 0, null));
        format.appendLong(sb, new EntryFacts("huge", 0100644, 1, 0, 0, 10_000_000_000L, OLD.toEpochMilli(), 0, 0, null));
        assertEquals("-rw-r--r--    1 0          0          9999999999 Mar  4  2021 big\r\n"
                + "-rw-r--r--    1 0          0          " + " ".repeat(18 - 11) + "10000000000 Mar  4  2021 huge\r\n",
                sb.toString());
    }

    @Test
    public void filesUpTo180DaysOldOrInTheFutureShowTheTimeOlderOnesTheYear() {
        PureFtpdListing format = new PureFtpdListing(RECORDED_NOW, SERVER_ZONE);
        long day = 86_400_000L;
        long now = RECORDED_NOW.toEpochMilli();
        assertTrue(line(format, now - 180 * day).contains(" May 29 15:32 "));
        assertTrue(line(format, now - 180 * day - 1000).contains(" May 29  2026 "));
        assertTrue(line(format, now + 400 * day).contains(" Dec 30 15:32 "));
    }

    @Test
    public void theServersZoneDecidesTheShownClockTime() {
        PureFtpdListing paris = new PureFtpdListing(RECORDED_NOW, ZoneId.of("Europe/Paris"));
        assertTrue(line(paris, RECENT.toEpochMilli()).contains(" Nov 25 16:32 "));
    }

    @Test
    public void devicesFifosAndSocketsAreNotListed() {
        assertFalse(PureFtpdListing.isListed(new EntryFacts("fifo", 0010644, 1, 0, 0, 0, 0, 0, 0, null)));
        assertFalse(PureFtpdListing.isListed(new EntryFacts("sock", 0140755, 1, 0, 0, 0, 0, 0, 0, null)));
        assertFalse(PureFtpdListing.isListed(new EntryFacts("tty", 0020620, 1, 0, 0, 0, 0, 0, 0, null)));
    }

    @Test
    public void listOptionsSplitFromThePath() {
        assertEquals(new ListOptions(false, false, false, ""), ListOptions.parse(null));
        assertEquals(new ListOptions(false, false, false, ""), ListOptions.parse("-l"));
        assertEquals(new ListOptions(true, false, false, "my dir"), ListOptions.parse("-la my dir"));
        assertEquals(new ListOptions(false, true, false, "x"), ListOptions.parse("-A -l x"));
        assertEquals(new ListOptions(false, false, false, "-"), ListOptions.parse("-"));
        assertEquals(new ListOptions(true, false, true, "d"), ListOptions.parse("-laR d"));
        assertEquals("Options: -l ", ListOptions.parse("").describe());
        assertEquals("Options: -a -l ", ListOptions.parse("-al").describe());
    }

    private static String line(PureFtpdListing format, long millis) {
        StringBuilder sb = new StringBuilder();
        format.appendLong(sb, new EntryFacts("f", 0100644, 1, 0, 0, 1, millis, 0, 0, null));
        return sb.toString();
    }

    private static String mode(int mode) {
        StringBuilder sb = new StringBuilder();
        PureFtpdListing.appendMode(sb, mode);
        return sb.toString();
    }

    private static Path file(Path p, int size, String perms, Instant mtime) throws IOException {
        Files.write(p, new byte[size]);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        Files.setLastModifiedTime(p, FileTime.from(mtime));
        return p;
    }

    private static EntryFacts directory(Path p, String perms, Instant mtime) throws IOException {
        Files.createDirectory(p);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        Files.setLastModifiedTime(p, FileTime.from(mtime));
        return EntryFacts.read(p, p.getFileName().toString());
    }

    /** Facts read from disk with the capture's owner, group, directory size, device and inode. */
    private static EntryFacts recorded(EntryFacts f, long uid, long gid, long device, long inode) {
        return new EntryFacts(f.name(), f.mode(), f.links(), uid, gid, f.isDirectory() ? 4096 : f.size(),
                f.modifiedMillis(), device, inode, f.linkTarget());
    }

    private static EntryFacts recorded(Path p, long uid, long gid, long device, long inode) throws IOException {
        return recorded(EntryFacts.read(p, p.getFileName().toString()), uid, gid, device, inode);
    }

    private static String vector(String name) throws IOException {
        String configured = System.getProperty("plugftpd.vectors");
        Path vectors = configured != null && !configured.isEmpty()
                ? Paths.get(configured) : Paths.get("..", "vectors");
        return new String(Files.readAllBytes(vectors.resolve("transcript").resolve(name)), StandardCharsets.ISO_8859_1);
    }
}
