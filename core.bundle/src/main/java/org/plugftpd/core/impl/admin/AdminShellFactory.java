package org.plugftpd.core.impl.admin;

import java.io.PrintStream;

/** Opens one {@link AdminShell} per admin connection; thread-safe. */
@FunctionalInterface
public interface AdminShellFactory {

    AdminShell open(PrintStream out, PrintStream err);
}
