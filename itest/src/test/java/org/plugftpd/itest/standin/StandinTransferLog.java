package org.plugftpd.itest.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.plugftpd.transfer.api.TransferEvent;
import org.plugftpd.transfer.api.TransferListener;

/** A stand-in feature: appends one line per transfer event to a file, tagged with its generation. */
public final class StandinTransferLog implements TransferListener {
    private final Path file;
    private final String generation;

    public StandinTransferLog(Path file, String generation) {
        this.file = file;
        this.generation = generation;
    }

    @Override
    public void transferEnded(TransferEvent e) {
        String line = generation + " " + e.direction() + " " + e.status() + " " + e.bytes() + " " + e.login() + " "
                + e.requestedPath() + "\n";
        try {
            Files.write(file, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
