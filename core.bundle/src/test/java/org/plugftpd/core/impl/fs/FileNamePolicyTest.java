package org.plugftpd.core.impl.fs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class FileNamePolicyTest {

    @Test
    public void controlBytesAndDelAreDetected() {
        assertTrue(FileNamePolicy.hasControlCharacter("a\0b"));
        assertTrue(FileNamePolicy.hasControlCharacter("a\r\nb"));
        assertTrue(FileNamePolicy.hasControlCharacter("a\u001fb"));
        assertTrue(FileNamePolicy.hasControlCharacter("a\u007fb"));
        assertFalse(FileNamePolicy.hasControlCharacter("caf\u00e9 ~!%2e"));
    }

    @Test
    public void printableReplacesControlBytes() {
        assertEquals("/a??b", FileNamePolicy.printable("/a\r\nb"));
    }

    @Test
    public void reservedAndBackslashNamesMayNotBeWritten() {
        assertFalse(FileNamePolicy.mayWrite(".ftpquota"));
        assertFalse(FileNamePolicy.mayWrite(".pureftpd-upload.123"));
        assertFalse(FileNamePolicy.mayWrite("a\\b"));
        assertTrue(FileNamePolicy.mayWrite(".ftpquota2"));
        assertTrue(FileNamePolicy.mayWrite(".profile"));
        assertTrue(FileNamePolicy.mayWrite("pureftpd-x"));
    }

    @Test
    public void temporaryUploadsAreRecognisedForTheOrphanSweepAndQuotaScans() {
        assertTrue(FileNamePolicy.isUploadTemporary(".pureftpd-upload.1f2e"));
        assertFalse(FileNamePolicy.isUploadTemporary(".pureftpd-upload."));
        assertFalse(FileNamePolicy.isUploadTemporary("pureftpd-upload.1"));
        assertFalse(FileNamePolicy.isUploadTemporary(".pureftpd-mkdir.1"));
        // clients still cannot touch them
        assertFalse(FileNamePolicy.mayWrite(".pureftpd-upload.1f2e"));
    }
}
