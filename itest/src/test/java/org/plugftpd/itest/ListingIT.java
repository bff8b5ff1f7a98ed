package org.plugftpd.itest;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** LIST, NLST, MLSD, MLST, STAT, TYPE and FEAT as a client sees them: Pure-FTPd's layout and replies. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ListingIT extends FtpTestSupport {
    private static final Instant OLD = Instant.parse("2021-03-04T12:00:00Z");
    private int port;

    @Before
    public void setUp() throws Exception {
        port = startServer(Map.of());
        if (installStandinOnce()) {
            Path home = addAccount("lister", "secret", "");
            Path a = home.resolve("a.txt");
            Files.write(a, new byte[10]);
            Files.setPosixFilePermissions(a, PosixFilePermissions.fromString("rw-r-----"));
            Files.setLastModifiedTime(a, FileTime.from(OLD));
            Files.createDirectory(home.resolve("sub"));
            Files.write(home.resolve(".hidden"), new byte[1]);
            // a name that would split a listing line: never listed
            Files.write(home.resolve("bad\r\nname.txt"), new byte[1]);
            Files.createSymbolicLink(home.resolve("inside"), Paths.get("a.txt"));
            Path secret = root().resolve("home/list-secret.txt");
            Files.write(secret, new byte[3]);
            Files.createSymbolicLink(home.resolve("outside"), secret);
        }
    }

    @Test
    public void listShowsFilesDirectoriesAndLinksInsideTheJailWithPureFtpdsLayout() throws Exception {
        FTPClient ftp = login(port, "lister", "secret");
        try {
            FTPFile[] files = ftp.listFiles();
            assertEquals("226-Options: -l \r\n226 3 matches total\r\n", ftp.getReplyString());
            assertEquals(Arrays.asList("a.txt", "inside", "sub"), names(files));
            FTPFile a = files[0];
            assertTrue(a.isFile());
            assertEquals(10, a.getSize());
            assertTrue(a.hasPermission(FTPFile.USER_ACCESS, FTPFile.WRITE_PERMISSION));
            assertTrue(a.hasPermission(FTPFile.GROUP_ACCESS, FTPFile.READ_PERMISSION));
            assertFalse(a.hasPermission(FTPFile.WORLD_ACCESS, FTPFile.READ_PERMISSION));
            // numeric owner and group, 10 columns each; the year for a file older than 180 days
            assertTrue(a.getRawListing(), a.getRawListing().matches(
                    "-rw-r-----    1 [0-9 ]{10} [0-9 ]{10}         10 Mar  4  2021 a\\.txt"));
            assertTrue(files[1].isSymbolicLink());
            assertEquals("a.txt", files[1].getLink());
            assertTrue(files[1].getRawListing(), files[1].getRawListing().startsWith("lrwxrwxrwx "));
            assertTrue(files[2].isDirectory());
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void listDashAAddsDotFilesAndTheDotEntries() throws Exception {
        FTPClient ftp = login(port, "lister", "secret");
        try {
            ftp.setListHiddenFiles(true);
            FTPFile[] files = ftp.listFiles();
            assertEquals("226-Options: -a -l \r\n226 6 matches total\r\n", ftp.getReplyString());
            assertEquals(Arrays.asList(".", "..", ".hidden", "a.txt", "inside", "sub"), names(files));
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void listOfOneFileAndOfALinkLeavingTheJail() throws Exception {
        FTPClient ftp = login(port, "lister", "secret");
        try {
            FTPFile[] one = ftp.listFiles("a.txt");
            assertEquals(1, one.length);
            assertEquals("a.txt", one[0].getName());
            assertEquals(0, ftp.listFiles("outside").length);
            assertEquals("226-Options: -l \r\n226 0 matches total\r\n", ftp.getReplyString());
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void nlstGivesNamesAndTheCount() throws Exception {
        FTPClient ftp = login(port, "lister", "secret");
        try {
            assertArrayEquals(new String[] {"a.txt", "inside", "sub"}, ftp.listNames());
            assertEquals("226 3 matches total\r\n", ftp.getReplyString());
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void nlstWithAPatternGivesTheMatchingNames() throws Exception {
        FTPClient ftp = login(port, "lister", "secret");
        try {
            assertArrayEquals(new String[] {"a.txt"}, ftp.listNames("*.txt"));
            assertEquals("226 1 matches total\r\n", ftp.getReplyString());
            assertArrayEquals(new String[] {".hidden"}, ftp.listNames(".h*"));
            assertArrayEquals(new String[] {"inside", "sub"}, ftp.listNames("[is]*"));
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void mlsdGivesFactsWithTheCurrentAndParentDirectoryFirst() throws Exception {
        FTPClient ftp = login(port, "lister", "secret");
        try {
            FTPFile[] files = ftp.mlistDir();
            assertEquals("226 6 matches total\r\n", ftp.getReplyString());
            // Commons Net drops the symlink: it cannot parse Pure-FTPd's "type=OS.unix=slink:a.txt" fact
            assertEquals(Arrays.asList(".", "..", ".hidden", "a.txt", "sub"), names(files));
            assertTrue(files[0].getRawListing(), files[0].getRawListing().startsWith("type=cdir;sizd="));
            assertTrue(files[1].getRawListing(), files[1].getRawListing().startsWith("type=pdir;sizd="));
            FTPFile a = files[3];
            assertTrue(a.isFile());
            assertEquals(10, a.getSize());
            assertEquals(OLD.toEpochMilli(), a.getTimestamp().getTimeInMillis());
            assertTrue(a.getRawListing(), a.getRawListing().matches(
                    "type=file;size=10;modify=20210304120000;UNIX\\.mode=0640;UNIX\\.uid=\\d+;UNIX\\.gid=\\d+;"
                            + "unique=[0-9a-f]+g[0-9a-f]+; a\\.txt"));
            assertTrue(files[4].isDirectory());
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void mlstAnswersOnTheControlConnection() throws Exception {
        FTPClient ftp = login(port, "lister", "secret");
        try {
            FTPFile a = ftp.mlistFile("a.txt");
            assertNotNull(ftp.getReplyString(), a);
            assertEquals(10, a.getSize());
            assertTrue(ftp.getReplyString(), ftp.getReplyString().matches("250-Begin\r\n type=file;size=10;"
                    + "modify=20210304120000;UNIX\\.mode=0640;UNIX\\.uid=\\d+;UNIX\\.gid=\\d+;unique=[0-9a-f]+g[0-9a-f]+;"
                    + " a\\.txt\r\n250 End\\.\r\n"));
            assertEquals(250, ftp.sendCommand("MLST", "inside"));
            assertTrue(ftp.getReplyString(), ftp.getReplyString().startsWith("250-Begin\r\n type=OS.unix=slink:a.txt;size=5;"));
            assertNull(ftp.mlistFile("outside"));
            assertEquals(550, ftp.getReplyCode());
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void anonymousFactsLeaveOutOwnerAndGroup() throws Exception {
        FTPClient ftp = login(port, "anonymous", "me@example.org");
        try {
            FTPFile[] files = ftp.mlistDir();
            FTPFile hello = Stream.of(files).filter(f -> f.getName().equals("hello.txt")).findFirst().orElseThrow();
            assertTrue(hello.getRawListing(), hello.getRawListing().matches(
                    "type=file;size=30;modify=\\d{14};UNIX\\.mode=0\\d+;unique=[0-9a-f]+g[0-9a-f]+; hello\\.txt"));
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void statWithAFileListsItOnTheControlConnection() throws Exception {
        FTPClient ftp = login(port, "lister", "secret");
        try {
            assertEquals(213, ftp.sendCommand("STAT", "a.txt"));
            assertTrue(ftp.getReplyString(), ftp.getReplyString().matches(
                    "213-STAT\r\n-rw-r-----    1 [0-9 ]{10} [0-9 ]{10}         10 Mar  4  2021 a\\.txt\r\n213 End\\.\r\n"));
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void typeRepliesAsPureFtpd() throws Exception {
        FTPClient ftp = login(port, "lister", "secret");
        try {
            assertEquals(200, ftp.sendCommand("TYPE", "I"));
            assertEquals("200 TYPE is now 8-bit binary\r\n", ftp.getReplyString());
            assertEquals(200, ftp.sendCommand("TYPE", "L 8"));
            assertEquals("200 TYPE is now 8-bit binary\r\n", ftp.getReplyString());
            assertEquals(200, ftp.sendCommand("TYPE", "A"));
            assertEquals("200 TYPE is now ASCII\r\n", ftp.getReplyString());
            assertEquals(504, ftp.sendCommand("TYPE", "X"));
            // the listing still arrives intact in ASCII mode
            assertArrayEquals(new String[] {"a.txt", "inside", "sub"}, ftp.listNames());
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void featListsOnlyWhatTheServerDoes() throws Exception {
        FTPClient ftp = login(port, "lister", "secret");
        try {
            assertEquals(211, ftp.sendCommand("FEAT"));
            assertEquals("211-Extensions supported:\r\n UTF8\r\n EPRT\r\n MDTM\r\n SIZE\r\n MFMT\r\n REST STREAM\r\n"
                    + " MLST type*;size*;sizd*;modify*;UNIX.mode*;UNIX.uid*;UNIX.gid*;unique*;\r\n MLSD\r\n TVFS\r\n"
                    + " PASV\r\n EPSV\r\n211 End.\r\n", ftp.getReplyString());
        } finally {
            quietly(ftp);
        }
    }

    private static java.util.List<String> names(FTPFile[] files) {
        return Stream.of(files).map(FTPFile::getName).collect(Collectors.toList());
    }
}
