package org.plugftpd.altlog.component;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.Test;

public class AltLogSettingsTest {
    private static final Path HOME = Paths.get("/opt/plugftpd");

    @Test
    public void aRelativeFileIsUnderTheHomeAndTheFormatIgnoresCase() {
        AltLogSettings s = AltLogSettings.of("XferLog", "log/../log/xferlog", false, 10, HOME);
        assertEquals(Paths.get("/opt/plugftpd/log/xferlog"), s.file);
        assertEquals("xferlog", s.format.name());
        assertFalse(s.resolveHosts);
    }

    @Test
    public void anAbsoluteFileIsKept() {
        assertEquals(Paths.get("/var/log/pure-ftpd/w3c.log"),
                AltLogSettings.of("w3c", "/var/log/pure-ftpd/w3c.log", true, 0, HOME).file);
    }

    @Test
    public void eachBadValueIsRefusedNamingItsKey() {
        assertRefused("format", "apache", "log/x", 10);
        assertRefused("format", "", "log/x", 10);
        assertRefused("file", "clf", " ", 10);
        assertRefused("file", "clf", "log/", 10);
        assertRefused("file", "clf", "log/a\0b", 10);
        assertRefused("backlogLines", "clf", "log/x", -1);
    }

    private static void assertRefused(String key, String format, String file, int backlog) {
        try {
            AltLogSettings.of(format, file, false, backlog, HOME);
            fail("accepted format=" + format + " file=" + file + " backlogLines=" + backlog);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith(key + ":"));
        }
    }
}
