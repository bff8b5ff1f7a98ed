package org.plugftpd.core.impl.listing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The linear matcher agrees with a slow backtracking reference and stays within O(pattern x name) steps. */
class GlobPatternProperties {

    @Property(tries = 3000)
    void agreesWithTheReference(@ForAll("patterns") String pattern, @ForAll("names") String name) {
        GlobPattern.Budget budget = new GlobPattern.Budget(Long.MAX_VALUE);
        boolean fast = GlobPattern.compile(pattern).matches(name, budget);
        boolean slow = Reference.matches(pattern, 0, name, 0);
        if (fast != slow) {
            throw new AssertionError(pattern + " vs " + name + ": linear " + fast + ", reference " + slow);
        }
    }

    @Property(tries = 300)
    void stepsAreBoundedByPatternTimesName(@ForAll("hostile") String pattern, @ForAll("longNames") String name) {
        int[] cps = pattern.codePoints().toArray();
        long bound = (long) (cps.length + 2) * (name.length() + 2) * 2;
        GlobPattern.Budget budget = new GlobPattern.Budget(bound);
        GlobPattern.compile(pattern).matches(name, budget);
        if (budget.exhausted()) {
            throw new AssertionError(pattern + " on a " + name.length() + "-character name took more than " + bound);
        }
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of("*", "?", "a", "b", ".", "[ab]", "[!a]", "[a-c]", "\\*", "[").list().ofMaxSize(7)
                .map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("abc.*[").ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.of("*", "?", "a", "Z", "*?").list().ofMinSize(1).ofMaxSize(60)
                .map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> longNames() {
        return Arbitraries.strings().withChars("aZ").ofMinLength(0).ofMaxLength(255);
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
