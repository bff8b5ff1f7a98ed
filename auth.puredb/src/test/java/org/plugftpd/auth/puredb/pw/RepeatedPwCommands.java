package org.plugftpd.auth.puredb.pw;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Child-process main for the race tests: runs one pw command N times in this JVM, "{i}" in a word replaced by
 * the iteration number, two lines "pw" as stdin each time; exits 1 and prints the failures if any run failed.
 */
public final class RepeatedPwCommands {
    private RepeatedPwCommands() {
    }

    public static void main(String[] args) {
        int count = Integer.parseInt(args[0]);
        List<String> template = Arrays.asList(args).subList(1, args.length);
        int failures = 0;
        for (int i = 0; i < count; i++) {
            List<String> words = new ArrayList<>();
            for (String word : template) {
                words.add(word.replace("{i}", Integer.toString(i)));
            }
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = PurePw.run(words, System.getenv(),
                    new ByteArrayInputStream("pw\npw\n".getBytes(StandardCharsets.UTF_8)),
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), false);
            if (status != 0) {
                failures++;
                System.err.println(words + " -> " + status + ": " + err.toString(StandardCharsets.UTF_8));
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
