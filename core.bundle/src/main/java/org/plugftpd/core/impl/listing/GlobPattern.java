package org.plugftpd.core.impl.listing;

import java.util.ArrayList;
import java.util.List;

/**
 * A shell glob as LIST, NLST and STAT take it: {@code *} (any run of characters), {@code ?} (one
 * character), {@code [abc]}, {@code [a-z]}, {@code [!x]} or {@code [^x]} (one character of, or
 * not of, a set; {@code ]} first in the set is literal), {@code \x} (x itself); an unclosed
 * {@code [} is a literal. Matching runs in O(pattern × name) whatever the pattern: a star keeps
 * one resume point and a later star replaces it (the rest never needs the earlier one), so
 * {@code *?*?*?…Z} costs no more than its length times the name's. Every step is charged to a
 * {@link Budget}, so a listing can bound its total work too.
 * <p>Immutable and thread-safe.
 */
public final class GlobPattern {

    /** Longest pattern accepted (NAME_MAX): a name cannot be longer, so neither can a useful pattern. */
    public static final int MAX_LENGTH = 255;

    private static final int STAR = -1;
    private static final int ONE = -2;
    private static final int SET = -3;

    /** Per token: a code point, or STAR, ONE, SET. */
    private final int[] kinds;
    /** Per SET token: its ranges as pairs (lo, hi); null otherwise. */
    private final int[][] sets;
    private final boolean[] negated;

    private GlobPattern(int[] kinds, int[][] sets, boolean[] negated) {
        this.kinds = kinds;
        this.sets = sets;
        this.negated = negated;
    }

    /** True when the text holds a glob character, i.e. it is meant as a pattern. */
    public static boolean isPattern(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }

    /** The pattern, or null when it is longer than {@link #MAX_LENGTH}. */
    public static GlobPattern compile(String pattern) {
        if (pattern.length() > MAX_LENGTH) {
            return null;
        }
        int[] cps = pattern.codePoints().toArray();
        List<Integer> kinds = new ArrayList<>();
        List<int[]> sets = new ArrayList<>();
        List<Boolean> negated = new ArrayList<>();
        int i = 0;
        while (i < cps.length) {
            int c = cps[i];
            if (c == '*') {
                // a run of stars is one star
                if (kinds.isEmpty() || kinds.get(kinds.size() - 1) != STAR) {
                    add(kinds, sets, negated, STAR, null, false);
                }
                i++;
            } else if (c == '?') {
                add(kinds, sets, negated, ONE, null, false);
                i++;
            } else if (c == '\\' && i + 1 < cps.length) {
                add(kinds, sets, negated, cps[i + 1], null, false);
                i += 2;
            } else if (c == '[') {
                int end = parseSet(cps, i, kinds, sets, negated);
                if (end < 0) {
                    add(kinds, sets, negated, '[', null, false);
                    i++;
                } else {
                    i = end;
                }
            } else {
                add(kinds, sets, negated, c, null, false);
                i++;
            }
        }
        int n = kinds.size();
        int[] k = new int[n];
        int[][] s = new int[n][];
        boolean[] neg = new boolean[n];
        for (int j = 0; j < n; j++) {
            k[j] = kinds.get(j);
            s[j] = sets.get(j);
            neg[j] = negated.get(j);
        }
        return new GlobPattern(k, s, neg);
    }

    /** Parses {@code [...]} at {@code start}; returns the index after it, or -1 when it is not closed. */
    private static int parseSet(int[] cps, int start, List<Integer> kinds, List<int[]> sets, List<Boolean> negated) {
        int i = start + 1;
        boolean neg = false;
        if (i < cps.length && (cps[i] == '!' || cps[i] == '^')) {
            neg = true;
            i++;
        }
        List<Integer> ranges = new ArrayList<>();
        boolean first = true;
        while (i < cps.length) {
            int c = cps[i];
            if (c == ']' && !first) {
                int[] r = new int[ranges.size()];
                for (int j = 0; j < r.length; j++) {
                    r[j] = ranges.get(j);
                }
                add(kinds, sets, negated, SET, r, neg);
                return i + 1;
            }
            first = false;
            if (c == '\\' && i + 1 < cps.length) {
                c = cps[++i];
            }
            int lo = c;
            int hi = c;
            if (i + 2 < cps.length && cps[i + 1] == '-' && cps[i + 2] != ']') {
                hi = cps[i + 2];
                if (hi == '\\' && i + 3 < cps.length) {
                    hi = cps[i + 3];
                    i++;
                }
                i += 2;
            }
            ranges.add(Math.min(lo, hi));
            ranges.add(Math.max(lo, hi));
            i++;
        }
        return -1;
    }

    private static void add(List<Integer> kinds, List<int[]> sets, List<Boolean> negated, int kind, int[] set,
            boolean neg) {
        kinds.add(kind);
        sets.add(set);
        negated.add(neg);
    }

    /**
     * True when the whole {@code name} matches. Charges {@code budget} one unit per step (a set
     * its size); when the budget runs out the answer is false and {@link Budget#exhausted()} true.
     */
    public boolean matches(String name, Budget budget) {
        int[] text = name.codePoints().toArray();
        int p = 0;
        int t = 0;
        int starAt = -1;
        int resumeAt = 0;
        while (t < text.length) {
            if (!budget.charge(1)) {
                return false;
            }
            if (p < kinds.length && kinds[p] == STAR) {
                starAt = p++;
                resumeAt = t;
            } else if (p < kinds.length && matchesOne(p, text[t], budget)) {
                p++;
                t++;
            } else if (starAt >= 0) {
                // the star takes one more character; the tokens after it start again
                p = starAt + 1;
                t = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < kinds.length && kinds[p] == STAR) {
            p++;
        }
        return p == kinds.length && !budget.exhausted();
    }

    private boolean matchesOne(int p, int c, Budget budget) {
        int kind = kinds[p];
        if (kind == ONE) {
            return true;
        }
        if (kind != SET) {
            return kind == c;
        }
        int[] ranges = sets[p];
        if (!budget.charge(ranges.length / 2)) {
            return false;
        }
        boolean in = false;
        for (int i = 0; i < ranges.length && !in; i += 2) {
            in = c >= ranges[i] && c <= ranges[i + 1];
        }
        return in != negated[p];
    }

    /** Steps a listing may spend on matching; one per listing, one thread. */
    public static final class Budget {
        private long remaining;
        private boolean exhausted;

        public Budget(long steps) {
            this.remaining = steps;
        }

        boolean charge(long steps) {
            remaining -= steps;
            if (remaining < 0) {
                exhausted = true;
            }
            return !exhausted;
        }

        /** True once a match ran out of steps: the listing stops there. */
        public boolean exhausted() {
            return exhausted;
        }
    }
}
