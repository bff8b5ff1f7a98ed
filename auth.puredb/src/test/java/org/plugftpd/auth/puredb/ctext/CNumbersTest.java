package org.plugftpd.auth.puredb.ctext;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

public class CNumbersTest {
    @Test
    public void strtoulReadsLeadingDigitsAfterSpaceAndSign() {
        assertEquals(1000, CNumbers.strtoul("1000"));
        assertEquals(12, CNumbers.strtoul(" \t12abc"));
        assertEquals(7, CNumbers.strtoul("\t\n 7 8"));
        assertEquals(9, CNumbers.strtoul("\u000b\f\r9"));
        assertEquals(7, CNumbers.strtoul("+7"));
        assertEquals(0, CNumbers.strtoul("abc"));
        assertEquals(0, CNumbers.strtoul(""));
        assertEquals(0, CNumbers.strtoul("-"));
        assertEquals(0, CNumbers.strtoul("x12"));
        assertEquals(0, CNumbers.strtoul("+-5"));
    }

    @Test
    public void strtoulWrapsNegativeNumbersAndSaturatesOnOverflow() {
        assertEquals("18446744073709551615", Long.toUnsignedString(CNumbers.strtoul("-1")));
        assertEquals(CNumbers.ULONG_MAX, CNumbers.strtoul("-1"));
        assertEquals("18446744073709551611", Long.toUnsignedString(CNumbers.strtoul("-5")));
        assertEquals("18446744073709551615", Long.toUnsignedString(CNumbers.strtoul("18446744073709551615")));
        assertEquals(CNumbers.ULONG_MAX, CNumbers.strtoul("18446744073709551616"));
        assertEquals(CNumbers.ULONG_MAX, CNumbers.strtoul("99999999999999999999999"));
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
    public void clampingFitsUnsignedValuesIntoJavaTypes() {
        assertEquals(Long.MAX_VALUE, CNumbers.clampUnsigned64(CNumbers.ULONG_MAX));
        assertEquals(Long.MAX_VALUE, CNumbers.clampUnsigned64(Long.MIN_VALUE));
        assertEquals(42, CNumbers.clampUnsigned64(42));
        assertEquals(Integer.MAX_VALUE, CNumbers.clampUnsigned32(4294967295L));
        assertEquals(Integer.MAX_VALUE, CNumbers.clampUnsigned32(2147483648L));
        assertEquals(2147483647, CNumbers.clampUnsigned32(2147483647L));
        assertEquals(0, CNumbers.clampUnsigned32(0));
    }

    @Test
    public void rangeNeedsTwoNumbersJoinedByADash() {
        assertArrayEquals(new long[] {900, 1800}, CNumbers.scanRange("0900-1800"));
        assertArrayEquals(new long[] {0, 2359}, CNumbers.scanRange(" 0-2359trailing"));
        assertArrayEquals(new long[] {800, 1700}, CNumbers.scanRange("0800- 1700"));
        assertNull(CNumbers.scanRange("0800 -1700"));
        assertNull(CNumbers.scanRange("25xx-99"));
        assertNull(CNumbers.scanRange("0900"));
        assertNull(CNumbers.scanRange("0900-"));
        assertNull(CNumbers.scanRange(""));
        assertNull(CNumbers.scanRange("+-5"));
    }

    @Test
    public void rangeBoundsAreUnsigned32BitsLikePercentU() {
        assertArrayEquals(new long[] {4294967295L, 5}, CNumbers.scanRange("-1-5"));
        assertArrayEquals(new long[] {4294967295L, 0}, CNumbers.scanRange("99999999999999999999-4294967296"));
        assertArrayEquals(new long[] {3000, 9999}, CNumbers.scanRange("+3000-+9999"));
    }
}
