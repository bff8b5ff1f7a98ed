package org.plugftpd.core.impl.listing;

import java.util.Random;

import org.junit.Test;

/**
 * The linear matcher agrees with a slow backtracking reference and stays within O(pattern x name)
 * steps, on seeded random inputs (a failure names its seed: {@code -Dglob.seed=N} replays it).
 */
public class GlobPatternPropertiesTest {
    private static final long SEED = Long.getLong("glob.seed", System.nanoTime());
    private static final String[] PARTS = {"*", "?", "a", "b", ".", "[ab]", "[!a]", "[a-c]", "\\*", "["};
    private static final String[] HOSTILE = {"*", "?", "a", "Z", "*?"};

    @Test
    public void agreesWithTheReference() {
        Random random = new Random(SEED);
        for (int i = 0; i < 3000; i++) {
            String pattern = join(random, PARTS, 0, 7);
            String name = chars(random, "abc.*[", 0, 8);
            GlobPattern.Budget budget = new GlobPattern.Budget(Long.MAX_VALUE);
            boolean fast = GlobPattern.compile(pattern).matches(name, budget);
            boolean slow = Reference.matches(pattern, 0, name, 0);
            if (fast != slow) {
                throw new AssertionError(pattern + " vs " + name + ": linear " + fast + ", reference " + slow
                        + " (seed " + SEED + ")");
            }
        }
    }

    @Test
    public void stepsAreBoundedByPatternTimesName() {
        Random random = new Random(SEED);
        for (int i = 0; i < 300; i++) {
            String pattern = join(random, HOSTILE, 1, 60);
            String name = chars(random, "aZ", 0, 255);
            int[] cps = pattern.codePoints().toArray();
            long bound = (long) (cps.length + 2) * (name.length() + 2) * 2;
            GlobPattern.Budget budget = new GlobPattern.Budget(bound);
            GlobPattern.compile(pattern).matches(name, budget);
            if (budget.exhausted()) {
                throw new AssertionError(pattern + " on a " + name.length() + "-character name took more than "
                        + bound + " (seed " + SEED + ")");
            }
        }
    }

    private static String join(Random random, String[] parts, int min, int max) {
        StringBuilder b = new StringBuilder();
        int n = min + random.nextInt(max - min + 1);
        for (int i = 0; i < n; i++) {
            b.append(parts[random.nextInt(parts.length)]);
        }
        return b.toString();
    }

    private static String chars(Random random, String alphabet, int min, int max) {
        StringBuilder b = new StringBuilder();
        int n = min + random.nextInt(max - min + 1);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** Plain recursive glob (exponential, fine on tiny inputs): the meaning the fast matcher must keep. */
    static final class Reference {
        static boolean matches(String p, int i, String s, int j) {
            if (i == p.length()) {
                return j == s.length();
            }
            char c = p.charAt(i);
            if (c == '*') {
                for (int k = j; k <= s.length(); k++) {
                    if (matches(p, i + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (j == s.length()) {
                return false;
            }
            if (c == '?') {
                return matches(p, i + 1, s, j + 1);
            }
            if (c == '\\' && i + 1 < p.length()) {
                return p.charAt(i + 1) == s.charAt(j) && matches(p, i + 2, s, j + 1);
            }
            if (c == '[') {
                int close = p.indexOf(']', i + 2);
                if (close < 0) {
                    return s.charAt(j) == '[' && matches(p, i + 1, s, j + 1);
                }
                String set = p.substring(i + 1, close);
                boolean neg = set.startsWith("!") || set.startsWith("^");
                if (neg) {
                    set = set.substring(1);
                    if (set.isEmpty()) {
                        // "[!]" then "]..." : the generated patterns never make this
                        return false;
                    }
                }
                boolean in = false;
                for (int k = 0; k < set.length(); k++) {
                    if (k + 2 < set.length() && set.charAt(k + 1) == '-') {
                        in |= s.charAt(j) >= set.charAt(k) && s.charAt(j) <= set.charAt(k + 2);
                        k += 2;
                    } else {
                        in |= set.charAt(k) == s.charAt(j);
                    }
                }
                return in != neg && matches(p, close + 1, s, j + 1);
            }
            return c == s.charAt(j) && matches(p, i + 1, s, j + 1);
        }
    }
}
