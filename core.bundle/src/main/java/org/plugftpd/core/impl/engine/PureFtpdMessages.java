package org.plugftpd.core.impl.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.ftpserver.message.MessageResource;

/**
 * FtpServer's reply texts, with those of the commonly scripted commands replaced by Pure-FTPd's
 * (as recorded in vectors/transcript). Keys are FtpServer's {@code code.subId}; values may use its
 * variables ({@code {request.arg}} is the argument as the client sent it). Immutable.
 */
final class PureFtpdMessages implements MessageResource {
    private static final Map<String, String> PURE_FTPD = Map.ofEntries(
            Map.entry("215.SYST", "UNIX Type: L8"),
            // Pure-FTPd answers "211 https://www.pureftpd.org/" and names its own SITE commands;
            // we name ourselves and nothing of the engine inside
            Map.entry("211.STAT", "plugftpd"),
            Map.entry("214", "The following SITE commands are recognized\n HELP\nplugftpd"),
            Map.entry("257.PWD", "\"{output.msg}\" is your current location"),
            Map.entry("250.CWD", "OK. Current directory is {output.msg}"),
            Map.entry("250.CDUP", "OK. Current directory is {output.msg}"),
            Map.entry("550.CWD", "Can't change directory to {request.arg}: No such file or directory"),
            Map.entry("550.CDUP", "Can't change directory to ..: No such file or directory"),
            Map.entry("257.MKD", "\"{request.arg}\" : The directory was successfully created"),
            Map.entry("250.RMD", "The directory was successfully removed"),
            Map.entry("550.RMD.invalid", "Can't remove directory: No such file or directory"),
            Map.entry("250.DELE", "Deleted {request.arg}"),
            Map.entry("550.DELE.invalid", "Could not delete {request.arg}: No such file or directory"),
            Map.entry("350.RNFR", "RNFR accepted - file exists, ready for destination"),
            Map.entry("550.RNFR", "Sorry, but that file doesn't exist"),
            Map.entry("250.RNTO", "File successfully renamed or moved"),
            Map.entry("550.SIZE.missing", "Can't check for file existence"),
            Map.entry("550.SIZE.invalid", "Can't check for file existence"),
            Map.entry("550.MDTM", "Can't check for file existence"),
            Map.entry("200.NOOP", "Zzz..."),
            Map.entry("200.MODE", "{request.arg} OK"),
            Map.entry("200.STRU", "{request.arg} OK"),
            Map.entry("229.EPSV", "Extended Passive mode OK ({output.msg})"),
            Map.entry("530.permission", "You aren't logged in"),
            Map.entry("502.not.implemented", "Unknown command"));

    private final MessageResource stock;

    PureFtpdMessages(MessageResource stock) {
        this.stock = stock;
    }

    @Override
    public List<String> getAvailableLanguages() {
        return stock.getAvailableLanguages();
    }

    @Override
    public String getMessage(int code, String subId, String language) {
        String ours = PURE_FTPD.get(subId == null ? Integer.toString(code) : code + "." + subId);
        return ours != null ? ours : stock.getMessage(code, subId, language);
    }

    @Override
    public Map<String, String> getMessages(String language) {
        Map<String, String> all = new HashMap<>(stock.getMessages(language));
        all.putAll(PURE_FTPD);
        return all;
    }
}
