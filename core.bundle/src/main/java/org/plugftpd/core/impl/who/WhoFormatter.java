package org.plugftpd.core.impl.who;

import java.util.List;

/** Writes the sessions in one of pure-ftpwho's output formats. Implementations are immutable. */
interface WhoFormatter {

    /** The whole output, header and footer included, for the sessions in the given order. */
    String format(List<WhoEntry> entries);
}
