package org.plugftpd.core.impl.transfer;

import java.util.ArrayList;
import java.util.List;

import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.plugftpd.core.impl.engine.EngineContext;
import org.plugftpd.core.impl.engine.PureReply;
import org.plugftpd.core.impl.engine.SessionUser;
import org.plugftpd.core.impl.fs.FileNamePolicy;
import org.plugftpd.core.impl.fs.JailFile;
import org.plugftpd.core.impl.service.QuotaGrant;
import org.plugftpd.quota.api.QuotaChange;
import org.plugftpd.quota.api.QuotaOperation;
import org.plugftpd.quota.api.QuotaRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DELE, RMD, MKD, RNFR and RNTO with Pure-FTPd's replies (vectors/transcript, ftpd.c dodele,
 * dormd, domkd, dornfr, dornto), each asking the quota first and ending its ticket with what
 * really changed; the usage lines follow Pure-FTPd's places (spec/quota.md §3: before the 250 of
 * DELE and RMD, after the 257 of MKD, none for RNTO). Stateless; one instance serves every session.
 */
final class FileCommands {
    private static final Logger LOG = LoggerFactory.getLogger(FileCommands.class);

    private final EngineContext engine;

    FileCommands(EngineContext engine) {
        this.engine = engine;
    }

    void delete(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        String name = request.getArgument();
        if (name == null || name.isEmpty()) {
            session.write(new PureReply(501, "No file name"));
            return;
        }
        String shown = FileNamePolicy.printable(name);
        if (FileNamePolicy.hasControlCharacter(name)) {
            session.write(new PureReply(553, "Prohibited file name: " + shown));
            return;
        }
        SessionUser user = (SessionUser) session.getUser();
        JailFile file = TransferCommands.resolve(session, name);
        if (file == null || !file.doesExist()) {
            session.write(new PureReply(550, "Could not delete " + shown + ": No such file or directory"));
            return;
        }
        if (file.isDirectory()) {
            session.write(new PureReply(550, "Could not delete " + shown + ": Is a directory"));
            return;
        }
        if (!user.writable() || !file.isRemovable()) {
            session.write(new PureReply(550, "Could not delete " + shown + ": Permission denied"));
            return;
        }
        long size = file.getSize();
        QuotaGrant quota = ask(session, user, QuotaOperation.DELETE, file, null, size, -1);
        if (quota == null) {
            return;
        }
        if (!file.delete()) {
            quota.end(QuotaChange.none(QuotaChange.Outcome.NOT_DONE));
            session.write(new PureReply(550, "Could not delete " + shown + ": Permission denied"));
            return;
        }
        List<String> lines = new ArrayList<>(quota.end(QuotaChange.builder(QuotaChange.Outcome.COMPLETED)
                .filesDelta(-1).bytesDelta(-size).build()));
        lines.add("Deleted " + shown);
        LOG.info("{}: [{}] deleted {}", session.getRemoteAddress(), user.getName(), file.storedPath());
        session.write(new PureReply(250, lines));
    }

    void removeDirectory(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        String name = request.getArgument();
        if (name == null || name.isEmpty()) {
            session.write(new PureReply(501, "No directory name"));
            return;
        }
        if (FileNamePolicy.hasControlCharacter(name)) {
            session.write(new PureReply(553, "Prohibited directory name"));
            return;
        }
        SessionUser user = (SessionUser) session.getUser();
        JailFile dir = TransferCommands.resolve(session, name);
        if (dir == null || !dir.doesExist()) {
            session.write(new PureReply(550, "Can't remove directory: No such file or directory"));
            return;
        }
        if (!dir.isDirectory()) {
            session.write(new PureReply(550, "Can't remove directory: Not a directory"));
            return;
        }
        List<? extends FtpFile> entries = dir.listFiles();
        if (entries != null && !entries.isEmpty()) {
            session.write(new PureReply(550, "Can't remove directory: Directory not empty"));
            return;
        }
        if (!user.writable() || !dir.isRemovable()) {
            session.write(new PureReply(550, "Can't remove directory: Permission denied"));
            return;
        }
        QuotaGrant quota = ask(session, user, QuotaOperation.REMOVE_DIRECTORY, dir, null, -1, -1);
        if (quota == null) {
            return;
        }
        if (!dir.delete()) {
            quota.end(QuotaChange.none(QuotaChange.Outcome.NOT_DONE));
            // what listFiles leaves out (a FIFO, a name with control bytes) still fills it
            session.write(new PureReply(550, "Can't remove directory: " + (dir.doesExist() && dir.isDirectory()
                    ? "Directory not empty" : "Permission denied")));
            return;
        }
        List<String> lines = new ArrayList<>(quota.end(QuotaChange.builder(QuotaChange.Outcome.COMPLETED)
                .filesDelta(-1).build()));
        lines.add("The directory was successfully removed");
        session.write(new PureReply(250, lines));
    }

    void makeDirectory(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        String name = request.getArgument();
        if (name == null || name.isEmpty()) {
            session.write(new PureReply(501, "No directory name"));
            return;
        }
        String shown = FileNamePolicy.printable(name);
        if (FileNamePolicy.hasControlCharacter(name)) {
            session.write(new PureReply(553, "Prohibited directory name"));
            return;
        }
        SessionUser user = (SessionUser) session.getUser();
        JailFile dir = TransferCommands.resolve(session, name);
        if (dir == null || dir.storedPath() == null) {
            session.write(new PureReply(553, "Prohibited directory name"));
            return;
        }
        if (dir.doesExist()) {
            session.write(new PureReply(550, "Can't create directory: File exists"));
            return;
        }
        if (!user.writable() || !dir.isWritable()) {
            session.write(new PureReply(550, "Can't create directory: " + (user.writable()
                    ? "No such file or directory" : "Permission denied")));
            return;
        }
        QuotaGrant quota = ask(session, user, QuotaOperation.MAKE_DIRECTORY, dir, null, -1, -1);
        if (quota == null) {
            return;
        }
        if (!dir.mkdir()) {
            quota.end(QuotaChange.none(QuotaChange.Outcome.NOT_DONE));
            session.write(new PureReply(550, "Can't create directory: Permission denied"));
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("\"" + shown + "\" : The directory was successfully created");
        lines.addAll(quota.end(QuotaChange.builder(QuotaChange.Outcome.COMPLETED).filesDelta(1).build()));
        session.write(new PureReply(257, lines));
    }

    void renameFrom(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        session.setRenameFrom(null);
        String name = request.getArgument();
        if (name == null || name.isEmpty()) {
            session.write(new PureReply(501, "No file name"));
            return;
        }
        String shown = FileNamePolicy.printable(name);
        if (FileNamePolicy.hasControlCharacter(name)) {
            session.write(new PureReply(553, "Prohibited file name: " + shown));
            return;
        }
        SessionUser user = (SessionUser) session.getUser();
        if (!user.writable()) {
            session.write(new PureReply(550, "Rename/move failure"));
            return;
        }
        JailFile file = TransferCommands.resolve(session, name);
        if (file == null || !file.doesExist()) {
            session.write(new PureReply(550, "Sorry, but that file doesn't exist"));
            return;
        }
        session.setRenameFrom(file);
        session.write(new PureReply(350, "RNFR accepted - file exists, ready for destination"));
    }

    void renameTo(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        FtpFile from = session.getRenameFrom();
        if (!(from instanceof JailFile)) {
            session.write(new PureReply(503, "Need RNFR before RNTO"));
            return;
        }
        JailFile source = (JailFile) from;
        String name = request.getArgument();
        if (name == null || name.isEmpty()) {
            session.write(new PureReply(501, "No file name"));
            return;
        }
        String shown = FileNamePolicy.printable(name);
        JailFile target = TransferCommands.resolve(session, name);
        if (FileNamePolicy.hasControlCharacter(name) || target == null || target.storedPath() == null) {
            session.write(new PureReply(553, "Prohibited file name: " + shown));
            return;
        }
        SessionUser user = (SessionUser) session.getUser();
        if (!source.doesExist()) {
            session.write(new PureReply(451, "Rename/move failure: No such file or directory"));
            return;
        }
        boolean over = target.doesExist() && target.isFile() && !target.equals(source);
        long replaced = over ? target.getSize() : -1;
        QuotaOperation operation = over ? QuotaOperation.RENAME_OVER
                : parentOf(source.virtualPath()).equals(parentOf(target.virtualPath())) ? QuotaOperation.RENAME
                : QuotaOperation.MOVE;
        long size = source.isFile() ? source.getSize() : -1;
        QuotaGrant quota = ask(session, user, operation, source, target.virtualPath(), size, replaced);
        if (quota == null) {
            return;
        }
        if (!user.writable() || !source.move(target)) {
            quota.end(QuotaChange.none(QuotaChange.Outcome.NOT_DONE));
            session.write(new PureReply(451, "Rename/move failure: Permission denied"));
            return;
        }
        // spec/quota.md §3: a file renamed over another removes that one from the usage
        quota.end(over ? QuotaChange.builder(QuotaChange.Outcome.COMPLETED).filesDelta(-1).bytesDelta(-replaced).build()
                : QuotaChange.none(QuotaChange.Outcome.COMPLETED));
        LOG.info("{}: [{}] renamed {} to {}", session.getRemoteAddress(), user.getName(), source.storedPath(),
                target.storedPath());
        session.write(new PureReply(250, "File successfully renamed or moved"));
    }

    /** Asks the quota; on refusal answers the client and returns null. */
    private QuotaGrant ask(FtpIoSession session, SessionUser user, QuotaOperation operation, JailFile file,
            String target, long existingSize, long replacedSize) {
        QuotaGrant quota = engine.services().quota().begin(QuotaRequest
                .builder(operation, user.account(), user.jailRoot()).path(file.virtualPath())
                .storedPath(file.storedPath()).targetPath(target).existingSize(existingSize)
                .replacedSize(replacedSize).client(EngineContext.remote(session)).build());
        if (quota.refused()) {
            session.write(new PureReply(quota.refusalCode(), quota.refusalLines()));
            return null;
        }
        return quota;
    }

    private static String parentOf(String virtualPath) {
        int slash = virtualPath.lastIndexOf('/');
        return slash <= 0 ? "/" : virtualPath.substring(0, slash);
    }
}
