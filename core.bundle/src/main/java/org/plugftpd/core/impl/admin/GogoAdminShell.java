package org.plugftpd.core.impl.admin;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * An {@link AdminShell} backed by one Gogo {@link CommandSession}, so variables set by one command
 * line are seen by the next. Used by one connection thread at a time.
 */
final class GogoAdminShell implements AdminShell {

    private final CommandSession session;
    private final PrintStream out;

    GogoAdminShell(CommandProcessor processor, PrintStream out, PrintStream err) {
        // commands that read their input get end-of-file: the channel carries command lines only
        this.session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, err);
        this.out = out;
    }

    @Override
    public int execute(String line) throws Exception {
        Object result = session.execute(line);
        // as Gogo's own shell does: a function's return value is shown to the user
        if (result != null) {
            out.println(session.format(result, Converter.INSPECT));
        }
        return 0;
    }

    @Override
    public void close() {
        session.close();
    }
}
