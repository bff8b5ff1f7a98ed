package org.plugftpd.auth.puredb.pw;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import org.plugftpd.auth.puredb.ctext.FgetsLineReader;

/**
 * pure-pw's password entry (spec/passwd.md §4.1): {@code Password: }, {@code \nEnter it again: }, {@code \n},
 * three attempts, {@code You didn't enter the same password} after a mismatch; a line is cut at its first CR,
 * LF or NUL and holds at most 2046 bytes, as fgets gives it. From a console the typed text is not echoed
 * (the console ends each prompt line itself); from a stream (piped stdin) two lines are read.
 * The password is the bytes typed (UTF-8 on a UTF-8 console); every buffer but the returned one is wiped.
 * One prompt per command; not thread-safe.
 */
final class PasswordPrompt {
    static final int ATTEMPTS = 3;

    private final InputStream in;
    private final PrintStream out;
    private final Console console;

    /**
     * @param console the JVM console to read without echo, or null to use {@code in} and {@code out}
     */
    PasswordPrompt(InputStream in, PrintStream out, Console console) {
        this.in = in;
        this.out = out;
        this.console = console;
    }

    /** The password, which the caller wipes after hashing; null on end of input or three mismatches. */
    byte[] read() throws IOException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            byte[] first = ask("Password: ");
            if (first == null) {
                return null;
            }
            byte[] second = console != null ? ask("Enter it again: ") : ask("\nEnter it again: ");
            if (second == null) {
                Arrays.fill(first, (byte) 0);
                return null;
            }
            if (console == null) {
                write("\n");
            }
            boolean same = MessageDigest.isEqual(first, second);
            Arrays.fill(second, (byte) 0);
            if (same) {
                return first;
            }
            Arrays.fill(first, (byte) 0);
            write("You didn't enter the same password\n");
        }
        return null;
    }

    private byte[] ask(String prompt) throws IOException {
        if (console != null) {
            char[] typed = console.readPassword("%s", prompt);
            if (typed == null) {
                return null;
            }
            ByteBuffer encoded = console.charset().encode(CharBuffer.wrap(typed));
            Arrays.fill(typed, '\0');
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
            return cut(bytes, bytes.length);
        }
        write(prompt);
        byte[] line = new byte[FgetsLineReader.MAX_PIECE_BYTES];
        int length = FgetsLineReader.fgets(in, line);
        if (length == 0) {
            return null;
        }
        return cut(line, length);
    }

    /** The bytes before the first CR, LF or NUL; wipes {@code line}. */
    private static byte[] cut(byte[] line, int length) {
        byte[] password = Arrays.copyOf(line, FgetsLineReader.cStringLength(line, length));
        Arrays.fill(line, (byte) 0);
        return password;
    }

    private void write(String text) {
        if (console != null) {
            console.writer().print(text);
            console.writer().flush();
        } else {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1), 0, text.length());
            out.flush();
        }
    }
}
