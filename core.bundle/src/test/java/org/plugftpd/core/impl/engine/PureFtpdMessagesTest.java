package org.plugftpd.core.impl.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.Map;

import org.apache.ftpserver.message.MessageResourceFactory;
import org.junit.Test;

public class PureFtpdMessagesTest {

    private final PureFtpdMessages messages = new PureFtpdMessages(new MessageResourceFactory().createMessageResource());

    @Test
    public void statAndHelpDoNotNameTheEmbeddedEngine() {
        assertEquals("plugftpd", messages.getMessage(211, "STAT", null));
        assertFalse(messages.getMessage(214, null, null).contains("Apache"));
        assertEquals("UNIX Type: L8", messages.getMessage(215, "SYST", null));
    }

    @Test
    public void noReplyAClientCanProvokeNamesApacheFtpServer() {
        for (Map.Entry<String, String> e : messages.getMessages(null).entrySet()) {
            if (e.getKey().startsWith("211") || e.getKey().startsWith("214") || e.getKey().startsWith("215")) {
                assertFalse(e.getKey() + " = " + e.getValue(), e.getValue().contains("Apache FtpServer"));
            }
        }
    }
}
