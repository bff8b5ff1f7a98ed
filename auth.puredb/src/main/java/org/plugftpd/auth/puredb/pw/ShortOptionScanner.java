package org.plugftpd.auth.puredb.pw;

import java.util.List;

/**
 * Short options read the way glibc's getopt(3) reads them for pure-pw: clusters ({@code -mu1000}), a value
 * attached or in the next word (which may start with '-'), {@code --} ends the options, other words are skipped
 * (or end the options when POSIXLY_CORRECT is set), and the error texts name argv[0].
 * One scanner per command line; not thread-safe.
 */
final class ShortOptionScanner {
    /** {@link #next()} at the end of the options. */
    static final int END = -1;
    /** {@link #next()} for an unknown option or a missing value; see {@link #error()}. */
    static final int ERROR = '?';

    private final List<String> argv;
    private final String optionLetters;
    private final boolean stopAtFirstWord;
    private int index = 1;
    private int clusterPosition;
    private String argument;
    private String error;

    /**
     * @param argv            argv[0] names the program in error texts; options are read from argv[1] on
     * @param optionLetters   getopt's option string: a letter followed by ':' takes a value
     * @param stopAtFirstWord POSIX mode: the first word that is not an option ends the options
     */
    ShortOptionScanner(List<String> argv, String optionLetters, boolean stopAtFirstWord) {
        this.argv = argv;
        this.optionLetters = optionLetters;
        this.stopAtFirstWord = stopAtFirstWord;
    }

    /** The next option letter, {@link #ERROR} or {@link #END}. */
    int next() {
        argument = null;
        error = null;
        if (clusterPosition == 0) {
            while (true) {
                if (index >= argv.size()) {
                    return END;
                }
                String word = argv.get(index);
                if (word.equals("--")) {
                    index = argv.size();
                    return END;
                }
                if (word.length() > 1 && word.charAt(0) == '-') {
                    clusterPosition = 1;
                    break;
                }
                if (stopAtFirstWord) {
                    return END;
                }
                index++;
            }
        }
        String word = argv.get(index);
        char letter = word.charAt(clusterPosition++);
        boolean lastInCluster = clusterPosition >= word.length();
        int at = letter == ':' ? -1 : optionLetters.indexOf(letter);
        if (at < 0) {
            error = argv.get(0) + ": invalid option -- '" + letter + "'";
            advanceIf(lastInCluster);
            return ERROR;
        }
        boolean takesValue = at + 1 < optionLetters.length() && optionLetters.charAt(at + 1) == ':';
        if (!takesValue) {
            advanceIf(lastInCluster);
            return letter;
        }
        if (!lastInCluster) {
            argument = word.substring(clusterPosition);
            advanceIf(true);
            return letter;
        }
        advanceIf(true);
        if (index >= argv.size()) {
            error = argv.get(0) + ": option requires an argument -- '" + letter + "'";
            return ERROR;
        }
        argument = argv.get(index++);
        return letter;
    }

    /** The value of the option {@link #next()} returned. */
    String argument() {
        return argument;
    }

    /** getopt's message for the last {@link #ERROR}, without newline. */
    String error() {
        return error;
    }

    private void advanceIf(boolean endOfCluster) {
        if (endOfCluster) {
            clusterPosition = 0;
            index++;
        }
    }
}
