package org.plugftpd.core.impl.engine;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.junit.Test;

/** How replies go on the wire (spec/server-behaviour.md §1, vectors/transcript/control-raw.bin). */
public class ReplyFramingTest {

    @Test
    public void everyLineOfAPureReplyCarriesTheCode() {
        assertEquals("226-File successfully transferred\r\n226 0.001 seconds\r\n",
                new PureReply(226, List.of("File successfully transferred", "0.001 seconds")).toString());
    }

    @Test
    public void lineBreaksFromClientNamesNeverSplitAReply() {
        assertEquals("550 Can't open a  500 b\r\n", new PureReply(550, "Can't open a\r\n500 b").toString());
    }

    @Test
    public void rawLinesReplyWritesInnerLinesWithoutTheCode() {
        RawLinesReply reply = new RawLinesReply(250, "Begin", List.of(" type=file; a", "250 x\r\nevil"), "End.");
        assertEquals("250-Begin\r\n type=file; a\r\n 250 x  evil\r\n250 End.\r\n", reply.toString());
    }
}
