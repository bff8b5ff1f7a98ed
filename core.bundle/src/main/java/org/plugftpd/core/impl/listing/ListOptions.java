package org.plugftpd.core.impl.listing;

/**
 * The argument of LIST, NLST or STAT split into {@code ls}-style options and the path:
 * {@code -la dir} gives all=true and path "dir". Options end at the first word not starting with
 * '-'; the rest, spaces included, is the path (empty for the working directory). Immutable.
 *
 * @param all {@code -a}: dot files, {@code .} and {@code ..} too
 * @param almostAll {@code -A}: dot files, but not {@code .} and {@code ..}
 * @param recursive {@code -R}: subdirectories too, each after a {@code ./sub:} header
 */
public record ListOptions(boolean all, boolean almostAll, boolean recursive, String path) {

    public static ListOptions parse(String argument) {
        boolean all = false;
        boolean almostAll = false;
        boolean recursive = false;
        String rest = argument == null ? "" : argument.trim();
        while (rest.length() > 1 && rest.charAt(0) == '-') {
            int end = rest.indexOf(' ');
            String word = end < 0 ? rest : rest.substring(0, end);
            // every other ls option (-l, -t, ...) is accepted and has no effect
            all |= word.indexOf('a') > 0;
            almostAll |= word.indexOf('A') > 0;
            recursive |= word.indexOf('R') > 0;
            rest = end < 0 ? "" : rest.substring(end + 1).trim();
        }
        return new ListOptions(all, almostAll && !all, recursive, rest);
    }

    /** Dot files are listed. */
    public boolean showsHidden() {
        return all || almostAll;
    }

    /** The options line of LIST's final reply, as Pure-FTPd words it (trailing space included). */
    public String describe() {
        return "Options: " + (all ? "-a " : almostAll ? "-A " : "") + "-l ";
    }
}
