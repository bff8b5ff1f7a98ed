package org.plugftpd.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The per-user settings of a virtual user made with our pw tool reach the session: jail or not,
 * bandwidth, per-user session limit, client and server address rules, time window, ratio.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PureDbAccountIT extends PureDbTestSupport {
    private static boolean usersMade;
    private int port;

    @Before
    public void setUp() throws Exception {
        Path passwd = root().resolve("etc/pureftpd.passwd");
        Path pdb = root().resolve("etc/pureftpd.pdb");
        if (!usersMade) {
            pwUseradd(passwd, pdb, "jailed", "pw-jailed");
            // -D: not chrooted by the account; plugftpd still jails it at its home
            Path free = root().resolve("home/free");
            Files.createDirectories(free);
            ourPw("pw-free\npw-free\n", "useradd", "free", "-f", passwd.toString(), "-F", pdb.toString(),
                    "-u", "2990", "-g", "2990", "-D", free.toString(), "-m").ok();
            pwUseradd(passwd, pdb, "slow", "pw-slow", "-t", "64", "-T", "32");
            pwUseradd(passwd, pdb, "twice", "pw-twice", "-y", "2");
            pwUseradd(passwd, pdb, "elsewhere", "pw-elsewhere", "-r", "10.9.8.7");
            pwUseradd(passwd, pdb, "notlocal", "pw-notlocal", "-I", "127.0.0.0/8");
            LocalTime later = LocalTime.now().plusHours(3);
            String window = later.format(DateTimeFormatter.ofPattern("HHmm")) + "-"
                    + later.plusMinutes(30).format(DateTimeFormatter.ofPattern("HHmm"));
            pwUseradd(passwd, pdb, "nightly", "pw-nightly", "-z", window);
            Path ratioHome = pwUseradd(passwd, pdb, "ratio", "pw-ratio", "-q", "1", "-Q", "2");
            Files.writeString(ratioHome.resolve("wanted.bin"), "x".repeat(4096));
            usersMade = true;
        }
        port = startServer(Map.of());
        configurePureDb(pdb, Map.of());
    }

    @Test
    public void aChrootedUserStartsAtTheRootOfItsHome() throws Exception {
        FTPClient ftp = connect(port);
        try {
            assertTrue(ftp.login("jailed", "pw-jailed"));
            assertTrue(ftp.getReplyString(), ftp.getReplyString().contains("230 OK. Current directory is /"));
            assertEquals("/", ftp.printWorkingDirectory());
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void aUserWithoutTheChrootMarkIsStillJailedAtItsHome() throws Exception {
        FTPClient ftp = connect(port);
        try {
            assertTrue(ftp.login("free", "pw-free"));
            assertTrue(ftp.getReplyString(), ftp.getReplyString().contains("230 OK. Current restricted directory is /"));
            assertTrue(ftp.changeWorkingDirectory("/"));
            assertTrue(ftp.changeToParentDirectory());
            assertEquals("/", ftp.printWorkingDirectory());
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void aUserWithBandwidthLimitsIsToldAtLogin() throws Exception {
        FTPClient ftp = connect(port);
        try {
            assertTrue(ftp.login("slow", "pw-slow"));
            assertTrue(ftp.getReplyString(), ftp.getReplyString().contains("Your bandwidth usage is restricted"));
        } finally {
            quietly(ftp);
        }
    }

    @Test
    public void aThirdSessionOfAUserLimitedToTwoGets421() throws Exception {
        FTPClient one = login(port, "twice", "pw-twice");
        FTPClient two = login(port, "twice", "pw-twice");
        FTPClient three = connect(port);
        try {
            try {
                three.login("twice", "pw-twice");
            } catch (FTPConnectionClosedException e) {
                // Commons Net reports the 421 by closing: the reply text is still there
            }
            assertTrue(three.getReplyString(),
                    three.getReplyString().startsWith("421 I can't accept more than 2 connections as the same user"));
            assertTrue(one.sendNoOp());
            assertTrue(two.sendNoOp());
        } finally {
            quietly(one);
            quietly(two);
            quietly(three);
        }
    }

    @Test
    public void addressAndTimeRulesRefuseTheRightPasswordWith530() throws Exception {
        for (String[] user : new String[][] {{"elsewhere", "pw-elsewhere"}, {"notlocal", "pw-notlocal"},
                {"nightly", "pw-nightly"}}) {
            FTPClient ftp = connect(port);
            try {
                assertTrue(user[0], !ftp.login(user[0], user[1]));
                assertTrue(user[0] + ": " + ftp.getReplyString(),
                        ftp.getReplyString().startsWith("530 Login authentication failed"));
            } finally {
                quietly(ftp);
            }
        }
    }

    @Test
    public void aRatioUserMustUploadBeforeDownloading() throws Exception {
        FTPClient ftp = login(port, "ratio", "pw-ratio");
        try {
            assertTrue(!ftp.retrieveFile("wanted.bin", new ByteArrayOutputStream()));
            assertTrue(ftp.getReplyString(), ftp.getReplyString().startsWith("550"));
            assertTrue(ftp.getReplyString(), ftp.getReplyString().contains("ratio"));
        } finally {
            quietly(ftp);
        }
    }
}
