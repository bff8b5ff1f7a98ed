package org.plugftpd.core.impl.control;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class LogSafeTest {
    @Test
    public void bracketsInALoginCannotFakeTheEndOfTheField() {
        assertEquals("fake\\] logged in", LogSafe.text("fake] logged in"));
    }

    @Test
    public void controlCharactersAreEscaped() {
        assertEquals("a\\x0d\\x0ab\\x00\\x1b\\x7f", LogSafe.text("a\r\nb\u0000\u001b\u007f"));
    }

    @Test
    public void c1ControlsAreEscaped() {
        assertEquals("\\x80\\x9b\\x9f", LogSafe.text("\u0080\u009b\u009f"));
    }

    @Test
    public void bidiOverridesAndIsolatesAreEscaped() {
        assertEquals("\\u202a\\u202e\\u2066\\u2069txt", LogSafe.text("\u202a\u202e\u2066\u2069txt"));
    }

    @Test
    public void ordinaryTextIncludingAccentsAndEmojiStays() {
        assertEquals("100% done \u00e9 \ud83d\ude00", LogSafe.text("100% done \u00e9 \ud83d\ude00"));
    }

    @Test
    public void aLoneSurrogateIsEscaped() {
        assertEquals("a\\ud83db", LogSafe.text("a\ud83db"));
    }

    @Test
    public void longTextIsCut() {
        String cut = LogSafe.text("x".repeat(100_000));
        assertTrue(cut, cut.length() < LogSafe.MAX_TEXT + 30);
        assertTrue(cut, cut.endsWith("...(99800 more)"));
    }

    @Test
    public void nullIsEmpty() {
        assertEquals("", LogSafe.text(null));
    }
}
