package org.plugftpd.core.impl.listing;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** The glob syntax LIST/NLST/STAT accept, and the work a hostile pattern may cost. */
public class GlobPatternTest {

    private static boolean matches(String pattern, String name) {
        return GlobPattern.compile(pattern).matches(name, new GlobPattern.Budget(Long.MAX_VALUE));
    }

    @Test
    public void starsQuestionMarksAndSets() {
        assertTrue(matches("*.txt", "a.txt"));
        assertFalse(matches("*.txt", "a.txt.gz"));
        assertTrue(matches("a?c", "abc"));
        assertFalse(matches("a?c", "ac"));
        assertTrue(matches("[ab]x", "bx"));
        assertTrue(matches("[a-c]x", "cx"));
        assertFalse(matches("[!a-c]x", "cx"));
        assertTrue(matches("[^a-c]x", "dx"));
        assertTrue(matches("[]]", "]"));
        assertTrue(matches("[", "["));
        assertTrue(matches("a[", "a["));
        assertTrue(matches("\\*", "*"));
        assertFalse(matches("\\*", "a"));
        assertTrue(matches("*", ""));
        assertTrue(matches("r*t*.txt", "report 2024.txt"));
        assertTrue(matches("?", "é"));
    }

    @Test
    public void theHostilePatternOfTheFindingIsAnsweredInFewSteps() {
        String hostile = "*?".repeat(40) + "*Z";
        String name = "a".repeat(255);
        GlobPattern.Budget budget = new GlobPattern.Budget(200_000);
        assertFalse(GlobPattern.compile(hostile).matches(name, budget));
        // O(pattern x name): 83 tokens x 255 characters, far below the budget
        assertFalse(budget.exhausted());
    }

    @Test
    public void aSpentBudgetStopsMatching() {
        GlobPattern.Budget budget = new GlobPattern.Budget(10);
        assertFalse(GlobPattern.compile("*a").matches("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbba", budget));
        assertTrue(budget.exhausted());
    }

    @Test
    public void overlongPatternsAreRefused() {
        assertNull(GlobPattern.compile("*".repeat(GlobPattern.MAX_LENGTH + 1)));
    }
}
