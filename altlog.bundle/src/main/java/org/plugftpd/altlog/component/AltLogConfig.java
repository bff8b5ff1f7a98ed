package org.plugftpd.altlog.component;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** One {@code plugftpd.altlog} factory configuration ({@code etc/plugftpd.altlog-<name>.cfg}): one log file. */
@ObjectClassDefinition(id = AltLogConfig.FACTORY_PID, name = "plugftpd transfer log",
        description = "One of Pure-FTPd's alternative transfer logs (pure-ftpd -O format:file)")
public @interface AltLogConfig {

    String FACTORY_PID = "plugftpd.altlog";

    @AttributeDefinition(description = "Line format, as Pure-FTPd's -O", options = {
        @Option(value = "clf", label = "clf: HTTPd common log format"),
        @Option(value = "xferlog", label = "xferlog: wu-ftpd transfer log"),
        @Option(value = "w3c", label = "w3c: W3C extended log format"),
        @Option(value = "stats", label = "stats: ftpStats (pure-statsdecode)")})
    String format() default "clf";

    @AttributeDefinition(description = "The log file; relative paths are under the distribution folder."
            + " Created mode 0600; shared safely with Pure-FTPd writing the same file")
    String file();

    @AttributeDefinition(description = "Log the client's host name from reverse DNS instead of its address"
            + " (false = numeric, like pure-ftpd -H; a lookup may delay the log lines, never a transfer)")
    boolean resolveHosts() default false;

    @AttributeDefinition(description = "Lines kept in memory while the file cannot be written (missing folder,"
            + " full disk); further lines are counted as dropped")
    int backlogLines() default 1000;
}
