package org.plugftpd.auth.puredb.pw;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;

public class ShortOptionScannerTest {
    private static final String LETTERS = "c:mu:";

    /** Each option as "letter=value" (or "letter"), errors as "?message". */
    private static List<String> scan(boolean posix, String... argv) {
        ShortOptionScanner scanner = new ShortOptionScanner(Arrays.asList(argv), LETTERS, posix);
        List<String> seen = new ArrayList<>();
        for (int letter = scanner.next(); letter != ShortOptionScanner.END; letter = scanner.next()) {
            if (letter == ShortOptionScanner.ERROR) {
                seen.add("?" + scanner.error());
                break;
            }
            seen.add(scanner.argument() == null ? String.valueOf((char) letter)
                    : (char) letter + "=" + scanner.argument());
        }
        return seen;
    }

    @Test
    public void valuesAttachedOrInTheNextWordEvenWithADash() {
        assertEquals(List.of("u=1000", "c=-m", "m"), scan(false, "joe", "-u1000", "-c", "-m", "-m"));
    }

    @Test
    public void clustersEndWithAnOptionThatTakesTheRestAsItsValue() {
        assertEquals(List.of("m", "u=7", "m", "c=x"), scan(false, "joe", "-mu7", "-mcx"));
    }

    @Test
    public void wordsThatAreNotOptionsAreSkippedUnlessPosix() {
        assertEquals(List.of("m", "u=1"), scan(false, "joe", "extra", "-m", "-", "-u", "1"));
        assertEquals(List.of("m"), scan(true, "joe", "-m", "extra", "-u", "1"));
    }

    @Test
    public void doubleDashEndsTheOptions() {
        assertEquals(List.of("m"), scan(false, "joe", "-m", "--", "-u", "1"));
    }

    @Test
    public void errorsNameArgvZeroLikeGlibc() {
        assertEquals(List.of("?joe: invalid option -- 'X'"), scan(false, "joe", "-X", "-m"));
        assertEquals(List.of("m", "?joe: invalid option -- '-'"), scan(false, "joe", "-m", "--long"));
        assertEquals(List.of("?joe: option requires an argument -- 'u'"), scan(false, "joe", "-u"));
        assertEquals(List.of("?joe: invalid option -- ':'"), scan(false, "joe", "-:"));
    }
}
