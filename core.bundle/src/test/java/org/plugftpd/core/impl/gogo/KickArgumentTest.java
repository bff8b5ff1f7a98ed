package org.plugftpd.core.impl.gogo;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

public class KickArgumentTest {

    @Test
    public void aNumberIsTheSessionId() {
        assertEquals(4242L, FtpCommands.sessionId("4242"));
        assertEquals(7L, FtpCommands.sessionId(" 7 "));
    }

    @Test
    public void somethingElseAnswersTheUsageLine() {
        for (String bad : new String[] {"abc", "", "-1", "12x", "99999999999999999999", null}) {
            try {
                FtpCommands.sessionId(bad);
                fail("accepted " + bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("usage: ftp:kick <id>"));
                assertTrue(e.getMessage(), e.getMessage().indexOf('\n') < 0);
            }
        }
    }
}
