package org.plugftpd.itest;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command (bin/plugftpd, pw, Debian's pure-pw) to its end with a time limit and
 * gives back its exit status, standard output and standard error. Stateless.
 */
final class ExternalCommand {

    /** What a finished command left. */
    static final class Result {
        final int exit;
        final String out;
        final String err;

        Result(int exit, String out, String err) {
            this.exit = exit;
            this.out = out;
            this.err = err;
        }

        /** Asserts exit status 0 and returns this. */
        Result ok() {
            assertEquals("exit status; " + this, 0, exit);
            return this;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private ExternalCommand() {
    }

    /**
     * Starts {@code pb} with {@code stdin} as its whole input, waits up to {@code timeoutSeconds};
     * returns null (after killing it and its children) when it did not end in time. Output is
     * collected in temp files (no pipe can fill up and stall the command).
     */
    static Result run(ProcessBuilder pb, byte[] stdin, long timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("cmd-out", ".txt");
        Path err = Files.createTempFile("cmd-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin);
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return null;
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
