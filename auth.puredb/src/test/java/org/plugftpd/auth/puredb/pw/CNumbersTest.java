package org.plugftpd.auth.puredb.pw;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class CNumbersTest {
    @Test
    public void strtoulReadsLeadingDigitsAfterSpaceAndSign() {
        assertEquals(1000, CNumbers.strtoul("1000"));
        assertEquals(12, CNumbers.strtoul(" \t12abc"));
        assertEquals(7, CNumbers.strtoul("+7"));
        assertEquals(0, CNumbers.strtoul("abc"));
        assertEquals(0, CNumbers.strtoul(""));
        assertEquals(0, CNumbers.strtoul("-"));
        assertEquals(0, CNumbers.strtoul("x12"));
    }

    @Test
    public void strtoulWrapsNegativeNumbersAndSaturatesOnOverflow() {
        assertEquals("18446744073709551615", Long.toUnsignedString(CNumbers.strtoul("-1")));
        assertEquals("18446744073709551611", Long.toUnsignedString(CNumbers.strtoul("-5")));
        assertEquals("18446744073709551615", Long.toUnsignedString(CNumbers.strtoul("18446744073709551615")));
        assertEquals(CNumbers.ULONG_MAX, CNumbers.strtoul("18446744073709551616"));
        assertEquals(CNumbers.ULONG_MAX, CNumbers.strtoul("-99999999999999999999999"));
    }

    @Test
    public void strtoul32KeepsTheLowBitsAsUidTDoes() {
        // the real pure-pw shows uid -5 as 4294967291 (checked in RealPurePwCompatibilityTest)
        assertEquals(4294967291L, CNumbers.strtoul32("-5"));
        assertEquals(0, CNumbers.strtoul32("4294967296"));
        assertEquals(4294967295L, CNumbers.strtoul32("99999999999999999999"));
    }

    @Test
    public void timeWindowNeedsTwoNumbersJoinedByADash() {
        assertArrayEquals(new long[] {900, 1800}, CNumbers.scanTimeWindow("0900-1800"));
        assertArrayEquals(new long[] {0, 2359}, CNumbers.scanTimeWindow(" 0-2359trailing"));
        assertArrayEquals(new long[] {800, 1700}, CNumbers.scanTimeWindow("0800- 1700"));
        assertNull(CNumbers.scanTimeWindow("0800 -1700"));
        assertNull(CNumbers.scanTimeWindow("25xx-99"));
        assertNull(CNumbers.scanTimeWindow("0900"));
        assertNull(CNumbers.scanTimeWindow("0900-"));
        assertNull(CNumbers.scanTimeWindow(""));
        assertNull(CNumbers.scanTimeWindow("+-5"));
    }

    @Test
    public void timeWindowBoundsAreBelow2360WithMinutesBelow60() {
        assertTrue(CNumbers.isValidTimeWindow(0, 2359));
        assertFalse(CNumbers.isValidTimeWindow(0, 2360));
        assertFalse(CNumbers.isValidTimeWindow(960, 1000));
        long[] negative = CNumbers.scanTimeWindow("-1-5");
        assertFalse(CNumbers.isValidTimeWindow(negative[0], negative[1]));
    }
}
