package org.plugftpd.core.impl.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.ftplet.DataConnection;
import org.apache.ftpserver.ftplet.DataType;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.apache.ftpserver.impl.IODataConnectionFactory;
import org.apache.ftpserver.impl.ServerFtpStatistics;
import org.plugftpd.auth.api.Account;
import org.plugftpd.core.impl.fs.FileNamePolicy;
import org.plugftpd.core.impl.fs.JailFile;
import org.plugftpd.core.impl.limits.AccountLimits;
import org.plugftpd.core.impl.session.LiveSession;
import org.plugftpd.quota.api.QuotaDecision;
import org.plugftpd.quota.api.QuotaRequest;
import org.plugftpd.quota.api.QuotaService;
import org.plugftpd.session.api.SessionInfo.State;
import org.plugftpd.transfer.api.TransferEvent.Direction;
import org.plugftpd.transfer.api.TransferEvent.Status;
import org.plugftpd.transfer.api.TransferEvent;
import org.plugftpd.upload.api.UploadEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RETR, STOR, APPE and STOU with Pure-FTPd's replies, the scoreboard's progress, the ratio, the
 * quota and one event per transfer. A fresh STOR writes to a hidden temporary file that replaces
 * the target only when every byte has arrived, so an aborted upload never leaves a file that looks
 * complete; APPE and restarted uploads write in place, as resuming needs. Stateless.
 */
final class TransferCommands {
    private static final Logger LOG = LoggerFactory.getLogger(TransferCommands.class);
    private static final String TEMP_PREFIX = ".pureftpd-upload.";
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum UploadMode { STORE, APPEND, UNIQUE }

    private final EngineContext engine;

    TransferCommands(EngineContext engine) {
        this.engine = engine;
    }

    AbstractCommand retrieve() {
        return command(this::retrieve);
    }

    AbstractCommand store() {
        return command((s, c, r) -> upload(s, c, r, UploadMode.STORE));
    }

    AbstractCommand append() {
        return command((s, c, r) -> upload(s, c, r, UploadMode.APPEND));
    }

    AbstractCommand unique() {
        return command((s, c, r) -> upload(s, c, r, UploadMode.UNIQUE));
    }

    interface Body {
        void run(FtpIoSession session, FtpServerContext context, FtpRequest request) throws IOException;
    }

    static AbstractCommand command(Body body) {
        return new AbstractCommand() {
            @Override
            public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) throws IOException {
                try {
                    body.run(session, context, request);
                } finally {
                    session.resetState();
                    session.getDataConnection().closeDataConnection();
                }
            }
        };
    }

    private void retrieve(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        long offset = session.getFileOffset();
        String name = request.getArgument();
        if (name == null || name.isEmpty()) {
            session.write(new PureReply(501, "No file name"));
            return;
        }
        String shown = FileNamePolicy.printable(name);
        JailFile file = resolve(session, name);
        if (file == null || !file.doesExist()) {
            session.write(new PureReply(550, "Can't open " + shown + ": No such file or directory"));
            return;
        }
        if (!file.isFile()) {
            session.write(new PureReply(550, "Can't open " + shown + ": Not a regular file"));
            return;
        }
        if (!file.isReadable()) {
            session.write(new PureReply(550, "Can't open " + shown + ": Permission denied"));
            return;
        }
        long size = file.getSize();
        if (offset > size) {
            session.write(new PureReply(554, "Restart offset " + offset + " is too large for file size " + size));
            return;
        }
        SessionUser user = (SessionUser) session.getUser();
        LiveSession live = EngineContext.live(session);
        Account account = user.account();
        if (!AccountLimits.ratioAllows(account, live.uploadedBytes(), live.downloadedBytes(), size - offset)) {
            session.write(new PureReply(550, List.of(
                    "Sorry, but the upload/download ratio is " + account.uploadRatio() + ":" + account.downloadRatio() + " .",
                    "You currently uploaded " + live.uploadedBytes() / 1024 + " Kb and downloaded "
                            + live.downloadedBytes() / 1024 + " Kb.",
                    "Please upload some goodies and try leeching later.")));
            return;
        }
        if (!dataConnectionPrepared(session)) {
            return;
        }
        session.write(new PureReply(150, List.of("Accepted data connection",
                String.format(Locale.ROOT, "%.1f kbytes to download", (size - offset) / 1024.0))));
        Attempt attempt = new Attempt(Direction.DOWNLOAD, offset, name, file);
        DataConnection data = openData(session, attempt);
        if (data == null) {
            return;
        }
        live.transferStarted(State.DOWNLOAD, name, offset, size);
        long moved = 0;
        Status status = Status.COMPLETED;
        try (InputStream raw = file.createInputStream(offset);
                ProgressInputStream in = new ProgressInputStream(raw, live, offset)) {
            try {
                moved = data.transferToClient(session.getFtpletSession(), in);
            } finally {
                moved = Math.max(moved, in.bytesRead());
            }
        } catch (IOException e) {
            status = Status.ABORTED;
            LOG.info("{}: download of {} aborted after {} bytes: {}", session.getRemoteAddress(),
                    file.storedPath(), moved, e.toString());
        } finally {
            live.transferEnded(State.DOWNLOAD, moved);
        }
        long nanos = System.nanoTime() - attempt.t0;
        if (status == Status.COMPLETED) {
            ((ServerFtpStatistics) context.getFtpStatistics()).setDownload(session, file, moved);
            session.write(new PureReply(226, withRate("File successfully transferred", moved, nanos)));
        } else {
            session.write(new PureReply(426, withRate("Transfer aborted", moved, nanos)));
        }
        publish(session, attempt, status, moved);
    }

    private void upload(FtpIoSession session, FtpServerContext context, FtpRequest request, UploadMode mode) {
        String name = request.getArgument();
        if (mode == UploadMode.UNIQUE) {
            name = uniqueName(session, name);
        }
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
        JailFile file = resolve(session, name);
        if (file == null) {
            session.write(new PureReply(553, "Prohibited file name: " + shown));
            return;
        }
        Path target = file.storedPath();
        if (!user.writable() || !file.isWritable() || target == null || !Files.isDirectory(target.getParent())) {
            session.write(new PureReply(553, "Can't open that file: "
                    + (user.writable() && target != null && !Files.isDirectory(target.getParent())
                            ? "No such file or directory" : "Permission denied")));
            return;
        }
        boolean existed = file.doesExist();
        if (existed && !file.isFile()) {
            session.write(new PureReply(553, "Can't open that file: Is a directory"));
            return;
        }
        if (existed && user.anonymous() && mode != UploadMode.UNIQUE) {
            session.write(new PureReply(550, "Anonymous users may not overwrite existing files"));
            return;
        }
        long existingSize = existed ? file.getSize() : -1;
        long offset = mode == UploadMode.APPEND ? Math.max(0, existingSize) : session.getFileOffset();
        if (offset > Math.max(0, existingSize)) {
            session.write(new PureReply(554, "Restart offset " + offset + " is too large for file size "
                    + Math.max(0, existingSize)));
            return;
        }
        QuotaService quota = engine.quota();
        QuotaRequest quotaRequest = new QuotaRequest(user.account(), user.jailRoot(), target, existingSize);
        if (quota != null) {
            QuotaDecision decision = quota.beforeWrite(quotaRequest);
            if (!decision.allowed()) {
                session.write(new PureReply(552, decision.refusal()));
                return;
            }
        }
        if (!dataConnectionPrepared(session)) {
            return;
        }
        session.write(new PureReply(150, mode == UploadMode.UNIQUE
                ? List.of("FILE: " + shown, "Accepted data connection") : List.of("Accepted data connection")));
        Attempt attempt = new Attempt(Direction.UPLOAD, offset, name, file);
        DataConnection data = openData(session, attempt);
        if (data == null) {
            return;
        }
        LiveSession live = EngineContext.live(session);
        live.transferStarted(State.UPLOAD, name, offset, 0);
        // a whole new file goes to a temporary name first; resumed and appended data goes in place
        boolean viaTemp = offset == 0 && mode != UploadMode.APPEND;
        JailFile written = viaTemp ? file.sibling(TEMP_PREFIX + Long.toHexString(RANDOM.nextLong())) : file;
        long moved = 0;
        IOException failure = null;
        boolean diskFailed = false;
        try {
            try (FileChannel channel = openForUpload(written, viaTemp, offset);
                    ProgressOutputStream out = new ProgressOutputStream(Channels.newOutputStream(channel), live, offset)) {
                try {
                    moved = data.transferFromClient(session.getFtpletSession(), out);
                    out.flush();
                } catch (IOException e) {
                    diskFailed = out.diskError() != null;
                    throw e;
                } finally {
                    moved = Math.max(moved, out.written());
                }
            } catch (IOException e) {
                diskFailed |= e instanceof FileSystemException || isDiskError(e);
                throw e;
            }
            if (viaTemp && !written.move(file)) {
                throw new IOException("could not move the upload into place: " + file.virtualPath());
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            live.transferEnded(State.UPLOAD, moved);
            if (failure != null && viaTemp && written.doesExist() && !written.delete()) {
                LOG.warn("could not remove the partial upload {}", written.storedPath());
            }
        }
        long nanos = System.nanoTime() - attempt.t0;
        if (failure == null) {
            ((ServerFtpStatistics) context.getFtpStatistics()).setUpload(session, file, moved);
            if (quota != null) {
                long newSize = sizeOf(target);
                quota.afterChange(quotaRequest, existed ? 0 : 1, newSize - Math.max(0, existingSize));
            }
            session.write(new PureReply(226, withRate("File successfully transferred", moved, nanos)));
            publish(session, attempt, Status.COMPLETED, moved);
            engine.events().publish(uploadEvent(session, user, target));
        } else {
            LOG.info("{}: upload of {} failed after {} bytes: {}", session.getRemoteAddress(), target, moved,
                    failure.toString());
            if (quota != null && !viaTemp && moved > 0) {
                // bytes written in place stay on disk and count
                quota.afterChange(quotaRequest, existed ? 0 : 1, moved);
            }
            session.write(diskFailed ? new PureReply(452, withRate("Error during write to file", moved, nanos))
                    : new PureReply(451, withRate("Transfer aborted", moved, nanos)));
            publish(session, attempt, Status.ABORTED, moved);
        }
    }

    private static FileChannel openForUpload(JailFile file, boolean fresh, long offset) throws IOException {
        // opened where it is used, race-free (fs: JailFile.open walks the jail with directory handles)
        if (fresh) {
            return file.open(Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        }
        FileChannel channel = file.open(Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE));
        try {
            // REST n + STOR keeps the first n bytes and replaces the rest
            channel.truncate(offset);
            channel.position(offset);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private static boolean isDiskError(IOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("no space") || m.contains("quota") || m.contains("read-only file system");
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String uniqueName(FtpIoSession session, String requested) {
        String base = requested == null || requested.isEmpty() ? "upload" : requested;
        for (int i = 0; i < 100; i++) {
            String candidate = base + "." + Long.toHexString(RANDOM.nextLong() & 0xffffffffL);
            JailFile f = resolve(session, candidate);
            if (f != null && !f.doesExist()) {
                return candidate;
            }
        }
        return null;
    }

    private static JailFile resolve(FtpIoSession session, String name) {
        try {
            FtpFile f = session.getFileSystemView().getFile(name);
            return f instanceof JailFile ? (JailFile) f : null;
        } catch (Exception e) {
            LOG.debug("cannot resolve {}: {}", FileNamePolicy.printable(name), e.toString());
            return null;
        }
    }

    /** PASV/PORT must come first (FtpServer checks the same; its reply text differs). */
    static boolean dataConnectionPrepared(FtpIoSession session) {
        if (session.getDataConnection() instanceof IODataConnectionFactory
                && ((IODataConnectionFactory) session.getDataConnection()).getInetAddress() == null) {
            session.write(new PureReply(425, "No data connection"));
            return false;
        }
        return true;
    }

    private static List<String> withRate(String first, long bytes, long nanos) {
        List<String> lines = new ArrayList<>(2);
        lines.add(first);
        String rate = RateLine.of(bytes, nanos);
        if (rate != null) {
            lines.add(rate);
        }
        return lines;
    }

    /** Opens the data connection; on failure answers 425 and records the failed transfer. */
    private DataConnection openData(FtpIoSession session, Attempt attempt) {
        try {
            return session.getDataConnection().openConnection();
        } catch (Exception e) {
            session.write(new PureReply(425, "Can't open data connection"));
            publish(session, attempt, Status.FAILED, 0);
            return null;
        }
    }

    private void publish(FtpIoSession session, Attempt attempt, Status status, long bytes) {
        SessionUser user = (SessionUser) session.getUser();
        LiveSession live = EngineContext.live(session);
        Path stored = attempt.file == null ? null : attempt.file.storedPath();
        engine.events().publish(TransferEvent.builder()
                .sessionId(live.id()).direction(attempt.direction).status(status).start(attempt.start)
                .duration(Duration.ofNanos(System.nanoTime() - attempt.t0)).bytes(bytes)
                .restartOffset(attempt.offset).client(live.remote()).local(live.local()).login(user.getName())
                .anonymous(user.anonymous()).requestedPath(attempt.requested)
                .storedPath(stored == null ? null : stored.toString()).sessionStart(live.startTime())
                .ascii(session.getDataType() == DataType.ASCII).build());
    }

    /** One transfer from the moment the data connection is asked for: what the event will report. */
    private static final class Attempt {
        final Direction direction;
        final long offset;
        final String requested;
        final JailFile file;
        final Instant start = Instant.now();
        final long t0 = System.nanoTime();

        Attempt(Direction direction, long offset, String requested, JailFile file) {
            this.direction = direction;
            this.offset = offset;
            this.requested = requested;
            this.file = file;
        }
    }

    private static UploadEvent uploadEvent(FtpIoSession session, SessionUser user, Path target) {
        int mode = 0644;
        try {
            mode = toMode(Files.getPosixFilePermissions(target));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("no permissions for {}: {}", target, e.toString());
        }
        InetAddress client = EngineContext.remote(session).getAddress();
        return new UploadEvent(EngineContext.live(session).id(), target, sizeOf(target), mode, user.getName(),
                user.account().uid(), user.account().gid(), client);
    }

    private static int toMode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }
}
