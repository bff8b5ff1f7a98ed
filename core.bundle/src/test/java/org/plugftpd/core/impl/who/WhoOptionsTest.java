package org.plugftpd.core.impl.who;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Arrays;

import org.junit.Test;
import org.plugftpd.core.impl.who.WhoOptions.Format;

/** pure-ftpwho's getopt string {@code CchHnpsvwWx} (spec/ftpwho.md §3). */
public class WhoOptionsTest {

    @Test
    public void noArgumentsMeansTheTextTableWithReverseDns() {
        WhoOptions options = WhoOptions.parse();
        assertEquals(Format.TEXT, options.format());
        assertFalse(options.verbose() || options.numericHosts() || options.cgi() || options.htmlWithoutPage()
                || options.helpRequested());
    }

    @Test
    public void eachFormatLetter() {
        assertEquals(Format.XML, WhoOptions.parse("-x").format());
        assertEquals(Format.SHELL, WhoOptions.parse("-s").format());
        assertEquals(Format.PLIST, WhoOptions.parse("-p").format());
        assertEquals(Format.HTML, WhoOptions.parse("-w").format());
        assertTrue(WhoOptions.parse("-v").verbose());
        assertEquals(Format.TEXT, WhoOptions.parse("-v").format());
        assertTrue(WhoOptions.parse("-H").numericHosts());
        assertTrue(WhoOptions.parse("-n").numericHosts());
    }

    @Test
    public void capitalWIsHtmlWithoutThePage() {
        WhoOptions options = WhoOptions.parse("-W");
        assertEquals(Format.HTML, options.format());
        assertTrue(options.htmlWithoutPage());
        assertFalse(options.cgi());
    }

    @Test
    public void cgiImpliesTableOnlyHtmlEvenAfterW() {
        for (String cgi : new String[] {"-c", "-C"}) {
            WhoOptions options = WhoOptions.parse("-w", cgi);
            assertEquals(Format.HTML, options.format());
            assertTrue(options.cgi());
            assertTrue(options.htmlWithoutPage());
        }
        // The flags stick: a later -w only picks the format again.
        assertTrue(WhoOptions.parse("-c", "-w").htmlWithoutPage());
    }

    @Test
    public void lastFormatWins() {
        assertEquals(Format.SHELL, WhoOptions.parse("-x", "-s").format());
        assertEquals(Format.XML, WhoOptions.parse("-c", "-x").format());
    }

    @Test
    public void bundledLettersNonOptionWordsAndDoubleDash() {
        WhoOptions bundled = WhoOptions.parse("-vH");
        assertTrue(bundled.verbose());
        assertTrue(bundled.numericHosts());
        assertEquals(Format.SHELL, WhoOptions.parse("extra", "-", "-s").format());
        assertEquals(Format.TEXT, WhoOptions.parse("--", "-x").format());
    }

    @Test
    public void helpStopsParsing() {
        WhoOptions options = WhoOptions.parse("-s", "-h", "-q");
        assertTrue(options.helpRequested());
        String help = WhoOptions.helpText();
        for (String letter : new String[] {"-c", "-C", "-h", "-H", "-n", "-p", "-s", "-v", "-w", "-W", "-x"}) {
            assertTrue("help mentions " + letter, help.contains(letter));
        }
    }

    @Test
    public void unknownOptionNamesTheLetterAndComesWithTheHelp() {
        try {
            WhoOptions.parse("-s", "-vq");
            fail("-q accepted");
        } catch (WhoUsageException e) {
            assertEquals('q', e.option());
            assertEquals("ftp:who: invalid option -- 'q'", e.getMessage());
            assertEquals("ftp:who: invalid option -- 'q'\n" + WhoOptions.helpText(), e.messageWithHelp());
        }
    }

    @Test
    public void longOptionsAreNotOptionsOfPureFtpwho() {
        try {
            WhoOptions.parse("--help");
            fail("--help accepted");
        } catch (WhoUsageException e) {
            assertEquals('-', e.option());
        }
    }

    @Test
    public void cgiEnvironmentMakesAFullHtmlPageTheDefault() {
        WhoOptions options = WhoOptions.parse(true, Arrays.asList());
        assertEquals(Format.HTML, options.format());
        assertTrue(options.cgi());
        assertFalse(options.htmlWithoutPage());
        assertEquals(Format.XML, WhoOptions.parse(true, Arrays.asList("-x")).format());
    }
}
