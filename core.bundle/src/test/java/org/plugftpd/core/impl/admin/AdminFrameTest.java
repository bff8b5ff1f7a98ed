package org.plugftpd.core.impl.admin;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import org.junit.Test;

public class AdminFrameTest {

    @Test
    public void frameIsTypeByteBigEndianLengthAndUtf8Payload() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AdminFrame.text(AdminFrame.COMMAND, "échο").writeTo(bytes);

        byte[] wire = bytes.toByteArray();
        assertEquals('C', wire[0]);
        assertArrayEquals(new byte[] {0, 0, 0, 6}, Arrays.copyOfRange(wire, 1, 5));
        assertEquals(11, wire.length);
    }

    @Test
    public void framesReadBackInOrderThenNullAtCleanEnd() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AdminFrame.text(AdminFrame.STDOUT, "hello\n").writeTo(bytes);
        AdminFrame.text(AdminFrame.STDERR, "").writeTo(bytes);
        AdminFrame.text(AdminFrame.EXIT, "0").writeTo(bytes);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes.toByteArray());

        AdminFrame out = AdminFrame.read(in);
        assertEquals(AdminFrame.STDOUT, out.type());
        assertEquals("hello\n", out.text());
        assertEquals(0, AdminFrame.read(in).payload().length);
        assertEquals("0", AdminFrame.read(in).text());
        assertNull(AdminFrame.read(in));
    }

    @Test
    public void truncatedFrameIsAnError() {
        byte[] wire = {'O', 0, 0, 0, 10, 'a', 'b'};
        try {
            AdminFrame.read(new ByteArrayInputStream(wire));
            fail("a frame cut short must not read as complete");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("'O'"));
        }
    }

    @Test
    public void absurdLengthIsRefusedBeforeAllocating() {
        byte[] wire = {'C', (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        try {
            AdminFrame.read(new ByteArrayInputStream(wire));
            fail("a 2 GiB frame must be refused");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("at most"));
        }
    }
}
