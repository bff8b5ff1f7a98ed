package org.plugftpd.altlog.gogo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.plugftpd.altlog.component.AltLogListener;

/**
 * Gogo {@code ftp:log}: {@code list} shows each transfer log and its figures, {@code reopen}
 * makes every log open its file again by name (for logrotate's postrotate). Thread-safe.
 */
@Component(service = LogCommand.class, property = {"osgi.command.scope=ftp", "osgi.command.function=log"})
public final class LogCommand {

    private final List<AltLogListener> logs = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addLog(AltLogListener log) {
        logs.add(log);
    }

    void removeLog(AltLogListener log) {
        logs.remove(log);
    }

    @Descriptor("list the transfer logs (pid, format, file, lines written, backlog, dropped)")
    public String log() {
        return log("list");
    }

    @Descriptor("transfer logs: 'list' (the default) or 'reopen' (open every log file again by name)")
    public String log(@Descriptor("list | reopen") String action) {
        List<AltLogListener> now = new ArrayList<>(logs);
        now.sort((a, b) -> a.pid().compareTo(b.pid()));
        StringBuilder out = new StringBuilder();
        switch (action) {
            case "list":
                if (now.isEmpty()) {
                    out.append("no transfer log configured (etc/plugftpd.altlog-<name>.cfg)\n");
                }
                for (AltLogListener l : now) {
                    out.append(l.describe()).append('\n');
                }
                return out.toString();
            case "reopen":
                for (AltLogListener l : now) {
                    l.reopen();
                    out.append("reopened ").append(l.describe()).append('\n');
                }
                return out.toString();
            default:
                throw new IllegalArgumentException("ftp:log: unknown action '" + action + "' (list or reopen)");
        }
    }
}
