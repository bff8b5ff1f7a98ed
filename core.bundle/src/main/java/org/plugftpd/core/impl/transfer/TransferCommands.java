package org.plugftpd.core.impl.transfer;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.command.Command;
import org.apache.ftpserver.ftplet.DataConnection;
import org.apache.ftpserver.ftplet.DataType;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.apache.ftpserver.impl.ServerFtpStatistics;
import org.plugftpd.auth.api.Account;
import org.plugftpd.core.impl.data.ChannelDataConnection;
import org.plugftpd.core.impl.engine.DataCommand;
import org.plugftpd.core.impl.engine.EngineContext;
import org.plugftpd.core.impl.engine.PureReply;
import org.plugftpd.core.impl.engine.RateLine;
import org.plugftpd.core.impl.engine.SessionUser;
import org.plugftpd.core.impl.fs.FileNamePolicy;
import org.plugftpd.core.impl.fs.JailFile;
import org.plugftpd.core.impl.limits.AccountLimits;
import org.plugftpd.core.impl.service.QuotaGrant;
import org.plugftpd.core.impl.service.VetoGuard;
import org.plugftpd.core.impl.session.LiveSession;
import org.plugftpd.quota.api.QuotaChange;
import org.plugftpd.quota.api.QuotaOperation;
import org.plugftpd.quota.api.QuotaRequest;
import org.plugftpd.session.api.SessionInfo.State;
import org.plugftpd.transfer.api.TransferEvent;
import org.plugftpd.transfer.api.TransferEvent.Direction;
import org.plugftpd.transfer.api.TransferEvent.Status;
import org.plugftpd.upload.api.UploadEvent;
import org.plugftpd.upload.veto.api.UploadRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RETR, STOR, APPE, STOU, ALLO and ABOR with Pure-FTPd's replies, the scoreboard's progress, the
 * ratio, the upload vetoes, the quota ticket and one event per transfer. A fresh STOR (and STOU)
 * writes to a hidden temporary name that replaces the target only when every byte has arrived, so
 * an incomplete upload never leaves a file that looks complete; APPE and REST+STOR write in place
 * and keep what arrived. The quota's ticket is ended exactly once with what really changed on
 * disk, whatever ended the transfer. Stateless; one instance serves every session.
 */
public final class TransferCommands {
    private static final Logger LOG = LoggerFactory.getLogger(TransferCommands.class);
    static final String TEMP_PREFIX = ".pureftpd-upload.";
    /** Session attribute: the size given with ALLO, for the next upload. */
    static final String ALLOCATED = "plugftpd.allocated";
    /** Session attribute: the 226 lines ABOR answers after a transfer it aborted. */
    static final String ABORTED = "plugftpd.aborted";
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum Mode { STORE, APPEND, UNIQUE }

    private final EngineContext engine;

    TransferCommands(EngineContext engine) {
        this.engine = engine;
    }

    /** Every command of the transfer and file-operation path, by FTP verb, for the engine. */
    public static Map<String, Command> all(EngineContext engine) {
        TransferCommands t = new TransferCommands(engine);
        FileCommands f = new FileCommands(engine);
        Map<String, Command> all = new LinkedHashMap<>();
        all.put("RETR", DataCommand.command(abortable(t::retrieve)));
        all.put("STOR", DataCommand.command(abortable((s, c, r) -> t.upload(s, c, r, Mode.STORE))));
        all.put("APPE", DataCommand.command(abortable((s, c, r) -> t.upload(s, c, r, Mode.APPEND))));
        all.put("STOU", DataCommand.command(abortable((s, c, r) -> t.upload(s, c, r, Mode.UNIQUE))));
        all.put("ALLO", simple(TransferCommands::allocate));
        all.put("ABOR", simple(TransferCommands::abort));
        all.put("DELE", simple(f::delete));
        all.put("RMD", simple(f::removeDirectory));
        all.put("MKD", simple(f::makeDirectory));
        all.put("RNFR", new AbstractCommand() {
            @Override
            public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) {
                // not reset afterwards: RNTO needs what RNFR remembered
                f.renameFrom(session, context, request);
            }
        });
        all.put("RNTO", simple(f::renameTo));
        return all;
    }

    /**
     * A transfer command inside its ABOR window: an ABOR read while it runs, even before its
     * data connection is open, stops it (see {@link LiveSession#transferCommandStarted}).
     */
    private static DataCommand.Body abortable(DataCommand.Body body) {
        return (session, context, request) -> {
            LiveSession live = EngineContext.live(session);
            if (live == null) {
                body.run(session, context, request);
                return;
            }
            live.transferCommandStarted();
            try {
                body.run(session, context, request);
            } finally {
                live.transferCommandEnded();
            }
        };
    }

    static AbstractCommand simple(DataCommand.Body body) {
        return new AbstractCommand() {
            @Override
            public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) throws IOException {
                try {
                    body.run(session, context, request);
                } finally {
                    session.resetState();
                }
            }
        };
    }

    /** ALLO n: remembered for the next upload's veto and quota (spec/quota.md §3 for the reply). */
    private static void allocate(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        String arg = request.getArgument() == null ? "" : request.getArgument().trim();
        String digits = arg.split("[ \t]", 2)[0];
        try {
            long size = Long.parseLong(digits);
            if (size >= 0) {
                session.setAttribute(ALLOCATED, size);
            }
        } catch (NumberFormatException e) {
            session.removeAttribute(ALLOCATED);
        }
        session.write(new PureReply(200, "A L'HUILE"));
    }

    /**
     * ABOR: the control layer has already closed the running transfer's data socket and the
     * transfer has answered {@code 426}; this answers {@code 226} as Pure-FTPd does after an
     * aborted transfer, or Pure-FTPd's plain success line when nothing was running.
     */
    @SuppressWarnings("unchecked")
    private static void abort(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        session.getDataConnection().closeDataConnection();
        Object lines = session.removeAttribute(ABORTED);
        session.write(lines instanceof List ? new PureReply(226, (List<String>) lines)
                : new PureReply(226, "Since you see this ABOR must've succeeded"));
    }

    private void retrieve(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        session.removeAttribute(ABORTED);
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
        if (!DataCommand.dataConnectionPrepared(session)) {
            return;
        }
        FileChannel channel;
        try {
            channel = file.open(Set.of(StandardOpenOption.READ));
            channel.position(offset);
        } catch (IOException e) {
            LOG.info("{}: cannot open {} for download: {}", session.getRemoteAddress(), file.storedPath(), e.toString());
            session.write(new PureReply(550, "Can't open " + shown + ": Permission denied"));
            return;
        }
        try (FileChannel in = channel) {
            session.write(new PureReply(150, List.of("Accepted data connection",
                    String.format(Locale.ROOT, "%.1f kbytes to download", (size - offset) / 1024.0))));
            Attempt attempt = new Attempt(Direction.DOWNLOAD, offset, name, file);
            DataConnection data = openData(session, attempt);
            if (data == null) {
                return;
            }
            live.transferStarted(State.DOWNLOAD, name, offset, size);
            ByteMover mover = new ByteMover();
            IOException failure = null;
            boolean aborted;
            try (AbortSwitch abort = AbortSwitch.register(live, session, data)) {
                try {
                    mover.download(in, data, session.getFtpletSession(),
                            direct(session, data, account.downloadBandwidth()), n -> live.progress(offset + n));
                } catch (IOException e) {
                    failure = e;
                }
                aborted = abort.fired();
            } finally {
                live.transferEnded(State.DOWNLOAD, mover.bytes());
            }
            TransferOutcome outcome = TransferOutcome.of(mover, failure, aborted, false);
            long nanos = System.nanoTime() - attempt.t0;
            switch (outcome) {
                case COMPLETED:
                    ((ServerFtpStatistics) context.getFtpStatistics()).setDownload(session, file, mover.bytes());
                    session.write(new PureReply(226, withRate(List.of(), "File successfully transferred",
                            mover.bytes(), nanos)));
                    break;
                case CLIENT_ABORT:
                    // Pure-FTPd: "426 ABORT" now, "226 Transfer aborted" + rate as the ABOR's reply
                    session.setAttribute(ABORTED, withRate(List.of(), "Transfer aborted", mover.bytes(), nanos));
                    session.write(new PureReply(426, "ABORT"));
                    break;
                default:
                    LOG.info("{}: download of {} ended after {} bytes: {}", session.getRemoteAddress(),
                            file.storedPath(), mover.bytes(), String.valueOf(failure));
                    session.write(new PureReply(426, withRate(List.of(), "Transfer aborted", mover.bytes(), nanos)));
                    break;
            }
            publish(session, attempt, outcome == TransferOutcome.COMPLETED ? Status.COMPLETED : Status.ABORTED,
                    mover.bytes());
        } catch (IOException e) {
            LOG.debug("closing {}: {}", file.storedPath(), e.toString());
        }
    }

    private void upload(FtpIoSession session, FtpServerContext context, FtpRequest request, Mode mode) {
        session.removeAttribute(ABORTED);
        Object allocated = session.removeAttribute(ALLOCATED);
        String name = mode == Mode.UNIQUE ? uniqueName(session) : request.getArgument();
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
        if (file == null || file.storedPath() == null) {
            session.write(new PureReply(553, "Prohibited file name: " + shown));
            return;
        }
        if (!user.writable() || !file.isWritable()) {
            boolean noFolder = user.writable() && !parentExists(session, file);
            session.write(new PureReply(553, "Can't open that file: "
                    + (noFolder ? "No such file or directory" : "Permission denied")));
            return;
        }
        boolean existed = file.doesExist();
        if (existed && !file.isFile()) {
            session.write(new PureReply(553, "Can't open that file: Is a directory"));
            return;
        }
        if (existed && user.anonymous() && mode != Mode.UNIQUE) {
            session.write(new PureReply(550, "Anonymous users may not overwrite existing files"));
            return;
        }
        long existingSize = existed ? file.getSize() : -1;
        long before = Math.max(0, existingSize);
        long offset = mode == Mode.APPEND ? before : session.getFileOffset();
        if (offset > before) {
            session.write(new PureReply(554, "Restart offset " + offset + " is too large for file size " + before));
            return;
        }
        LiveSession live = EngineContext.live(session);
        long declared = allocated instanceof Long ? (Long) allocated : -1;
        QuotaOperation operation = mode == Mode.UNIQUE ? QuotaOperation.UPLOAD_UNIQUE
                : mode == Mode.APPEND ? QuotaOperation.UPLOAD_APPEND
                : offset > 0 ? QuotaOperation.UPLOAD_RESUME
                : existed ? QuotaOperation.UPLOAD_OVERWRITE : QuotaOperation.UPLOAD_NEW;
        Optional<VetoGuard.Refusal> veto = engine.services().vetoes().check(UploadRequest
                .builder(user.getName(), file.virtualPath()).storedPath(file.storedPath()).mode(vetoMode(operation))
                .existingSize(existingSize).restartOffset(mode == Mode.APPEND ? 0 : offset).declaredSize(declared)
                .anonymous(user.anonymous()).client(live.remote()).local(live.local())
                .secureControl(session.isSecure()).secureData(session.getDataConnection().isSecure()).build());
        if (veto.isPresent()) {
            session.write(new PureReply(veto.get().code(), FileNamePolicy.printable(veto.get().text())));
            return;
        }
        QuotaGrant quota = engine.services().quota().begin(QuotaRequest
                .builder(operation, user.account(), user.jailRoot()).path(file.virtualPath())
                .storedPath(file.storedPath()).existingSize(existingSize)
                .restartOffset(operation == QuotaOperation.UPLOAD_RESUME ? offset : 0).declaredSize(declared)
                .client(live.remote()).build());
        if (quota.refused()) {
            session.write(new PureReply(quota.refusalCode(), quota.refusalLines()));
            return;
        }
        // from here on the ticket is ended exactly once, on every path
        Upload upload = new Upload(file, existed, before, offset, offset == 0 && mode != Mode.APPEND);
        try {
            runUpload(session, context, user, live, name, shown, mode, upload, quota);
        } finally {
            if (!quota.ended()) {
                quota.end(upload.change(TransferOutcome.CONNECTION_LOST.quota, 0));
            }
        }
    }

    private void runUpload(FtpIoSession session, FtpServerContext context, SessionUser user, LiveSession live,
            String name, String shown, Mode mode, Upload upload, QuotaGrant quota) {
        if (!DataCommand.dataConnectionPrepared(session)) {
            quota.end(QuotaChange.none(QuotaChange.Outcome.NOT_DONE));
            return;
        }
        FileChannel channel;
        try {
            channel = upload.open();
        } catch (IOException e) {
            LOG.info("{}: cannot open {} for upload: {}", session.getRemoteAddress(), upload.written.storedPath(),
                    e.toString());
            quota.end(upload.change(QuotaChange.Outcome.NOT_DONE, 0));
            session.write(new PureReply(553, "Can't open that file: Permission denied"));
            return;
        }
        ByteMover mover = new ByteMover();
        TransferOutcome outcome;
        Attempt attempt = new Attempt(Direction.UPLOAD, upload.offset, name, upload.target);
        try {
            session.write(new PureReply(150, mode == Mode.UNIQUE
                    ? List.of("FILE: " + shown, "Accepted data connection") : List.of("Accepted data connection")));
            DataConnection data = openData(session, attempt);
            if (data == null) {
                upload.discardOrKeep(TransferOutcome.CONNECTION_LOST, channel);
                quota.end(upload.change(QuotaChange.Outcome.NOT_DONE, 0));
                return;
            }
            live.transferStarted(State.UPLOAD, name, upload.offset, 0);
            IOException failure = null;
            boolean aborted;
            try (AbortSwitch abort = AbortSwitch.register(live, session, data)) {
                try {
                    mover.upload(channel, data, session.getFtpletSession(),
                            direct(session, data, user.account().uploadBandwidth()), n -> {
                                live.progress(upload.offset + n);
                                return quota.stop(n);
                            });
                } catch (IOException e) {
                    failure = e;
                }
                aborted = abort.fired();
            } finally {
                live.transferEnded(State.UPLOAD, mover.bytes());
            }
            outcome = TransferOutcome.of(mover, failure, aborted, quota.failed());
            if (failure != null) {
                LOG.info("{}: upload of {} ended after {} bytes ({}): {}", session.getRemoteAddress(),
                        upload.target.storedPath(), mover.bytes(), outcome, failure.toString());
            }
            outcome = upload.discardOrKeep(outcome, channel);
        } catch (RuntimeException e) {
            upload.discardOrKeep(TransferOutcome.CONNECTION_LOST, channel);
            quota.end(upload.change(QuotaChange.Outcome.CONNECTION_LOST, mover.bytes()));
            throw e;
        }
        List<String> usage = quota.end(upload.change(outcome.quota, mover.bytes()));
        long nanos = System.nanoTime() - attempt.t0;
        long bytes = mover.bytes();
        switch (outcome) {
            case COMPLETED:
                ((ServerFtpStatistics) context.getFtpStatistics()).setUpload(session, upload.target, bytes);
                session.write(new PureReply(226, withRate(usage, "File successfully transferred", bytes, nanos)));
                break;
            case QUOTA_EXCEEDED: {
                // spec/quota.md §3, vectors/quota step 12
                List<String> lines = new ArrayList<>();
                lines.add("Transfer aborted (quota)");
                lines.addAll(usage);
                lines.add("Quota exceeded: [" + shown + "] won't be saved");
                session.write(new PureReply(552, lines));
                break;
            }
            case CLIENT_ABORT:
                // Pure-FTPd: "426 Transfer aborted" now, "226 Transfer aborted" + rate as the ABOR's reply
                session.setAttribute(ABORTED, withRate(usage, "Transfer aborted", bytes, nanos));
                session.write(new PureReply(426, "Transfer aborted"));
                break;
            case STORAGE_FAILURE:
                session.write(new PureReply(452, withRate(usage, "Error during write to file", bytes, nanos)));
                break;
            case QUOTA_FAILED:
                session.write(new PureReply(451, withRate(usage, "Transfer aborted: the quota could not be checked",
                        bytes, nanos)));
                break;
            default:
                session.write(new PureReply(451, withRate(usage, "Transfer aborted", bytes, nanos)));
                break;
        }
        publish(session, attempt, outcome == TransferOutcome.COMPLETED ? Status.COMPLETED : Status.ABORTED, bytes);
        if (outcome == TransferOutcome.COMPLETED) {
            engine.events().publish(uploadEvent(session, user, upload.target));
        }
    }

    private static UploadRequest.Mode vetoMode(QuotaOperation operation) {
        switch (operation) {
            case UPLOAD_APPEND: return UploadRequest.Mode.APPEND;
            case UPLOAD_RESUME: return UploadRequest.Mode.RESUME;
            case UPLOAD_OVERWRITE: return UploadRequest.Mode.OVERWRITE;
            case UPLOAD_UNIQUE: return UploadRequest.Mode.UNIQUE;
            default: return UploadRequest.Mode.NEW;
        }
    }

    /**
     * One upload's file: a fresh STOR/STOU goes to a temporary sibling renamed over the target
     * when complete; APPE and REST+STOR write the target in place. Knows what changed on disk.
     */
    private static final class Upload {
        final JailFile target;
        final JailFile written;
        final boolean existed;
        final long before;
        final long offset;
        final boolean viaTemp;
        /** The target's size once the upload is over, -1 when it is gone; before that, unknown. */
        long after = Long.MIN_VALUE;
        boolean opened;

        Upload(JailFile target, boolean existed, long before, long offset, boolean viaTemp) {
            this.target = target;
            this.existed = existed;
            this.before = before;
            this.offset = offset;
            this.viaTemp = viaTemp;
            this.written = viaTemp ? target.sibling(TEMP_PREFIX + Long.toHexString(RANDOM.nextLong())) : target;
        }

        FileChannel open() throws IOException {
            if (viaTemp) {
                FileChannel c = written.open(Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
                opened = true;
                return c;
            }
            FileChannel c = written.open(Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE));
            opened = true;
            try {
                // REST n + STOR keeps the first n bytes and replaces the rest (spec/quota.md §3)
                if (c.size() > offset) {
                    c.truncate(offset);
                }
                c.position(offset);
                return c;
            } catch (IOException e) {
                after = sizeOrGone(c);
                c.close();
                throw e;
            }
        }

        /**
         * Settles the file for the outcome: a complete temporary file replaces the target, an
         * incomplete one goes; in place, bytes a quota stop refused are cut off again (and a file
         * the upload created is removed) while other incomplete uploads keep what arrived.
         * Closes the channel. Returns the outcome, which a failed rename turns into a storage failure.
         */
        TransferOutcome discardOrKeep(TransferOutcome outcome, FileChannel channel) {
            TransferOutcome result = outcome;
            try {
                if (!viaTemp && (outcome == TransferOutcome.QUOTA_EXCEEDED || outcome == TransferOutcome.QUOTA_FAILED)) {
                    channel.truncate(offset);
                }
                if (!viaTemp) {
                    after = channel.size();
                }
            } catch (IOException e) {
                LOG.warn("cannot cut {} back to {} bytes: {}", target.storedPath(), offset, e.toString());
                after = sizeOrGone(channel);
            }
            try {
                channel.close();
            } catch (IOException e) {
                if (result == TransferOutcome.COMPLETED) {
                    LOG.warn("closing {} failed: {}", written.storedPath(), e.toString());
                    result = TransferOutcome.STORAGE_FAILURE;
                }
            }
            if (viaTemp) {
                if (result == TransferOutcome.COMPLETED && written.move(target)) {
                    after = target.getSize();
                } else {
                    if (result == TransferOutcome.COMPLETED) {
                        LOG.warn("cannot move {} over {}", written.storedPath(), target.storedPath());
                        result = TransferOutcome.STORAGE_FAILURE;
                    }
                    if (written.doesExist() && !written.delete()) {
                        LOG.warn("could not remove the partial upload {}", written.storedPath());
                    }
                    after = existed ? before : -1;
                }
            } else if (!existed && after == offset && offset == 0
                    && (outcome == TransferOutcome.QUOTA_EXCEEDED || outcome == TransferOutcome.QUOTA_FAILED)) {
                // a file this refused upload created is not kept (spec/quota.md §3: "won't be saved")
                if (target.delete()) {
                    after = -1;
                }
            }
            return result;
        }

        /** What changed on disk against the state before the upload. */
        QuotaChange change(QuotaChange.Outcome outcome, long transferred) {
            long now = after;
            if (now == Long.MIN_VALUE) {
                // never opened: nothing changed; opened and not settled: measure
                now = !opened ? (existed ? before : -1) : (target.doesExist() ? target.getSize() : -1);
            }
            long files = (now >= 0 ? 1 : 0) - (existed ? 1 : 0);
            long bytes = Math.max(0, now) - before;
            return QuotaChange.builder(outcome).filesDelta(files).bytesDelta(bytes).bytesTransferred(transferred)
                    .build();
        }

        private static long sizeOrGone(FileChannel c) {
            try {
                return c.size();
            } catch (IOException e) {
                return -1;
            }
        }
    }

    /** The channel for the zero-copy path, or null when TLS, ASCII or a bandwidth limit is in the way. */
    private static <C> C direct(FtpIoSession session, DataConnection data, long bandwidth) {
        if (!(data instanceof ChannelDataConnection) || session.getDataType() != DataType.BINARY
                || session.getDataConnection().isSecure() || bandwidth > 0) {
            return null;
        }
        @SuppressWarnings("unchecked")
        C channel = (C) ((ChannelDataConnection) data).channel();
        return channel;
    }

    private static boolean parentExists(FtpIoSession session, JailFile file) {
        String path = file.virtualPath();
        int slash = path.lastIndexOf('/');
        String parent = slash <= 0 ? "/" : path.substring(0, slash);
        JailFile p = resolve(session, parent);
        return p != null && p.isDirectory();
    }

    /** Pure-FTPd's STOU name (ftpd.c dostou): pureftpd.SSSSSSSS.UU.NNNN, the first one free. */
    private static String uniqueName(FtpIoSession session) {
        for (int i = 0; i < 100; i++) {
            long micros = Instant.now().toEpochMilli() * 1000 + RANDOM.nextInt(1000);
            String candidate = String.format(Locale.ROOT, "pureftpd.%08x.%02x.%04x", micros / 1_000_000,
                    micros % 1_000_000 & 0xff, RANDOM.nextInt(0x10000));
            JailFile f = resolve(session, candidate);
            if (f != null && !f.doesExist()) {
                return candidate;
            }
        }
        return null;
    }

    static JailFile resolve(FtpIoSession session, String name) {
        try {
            FtpFile f = session.getFileSystemView().getFile(name);
            return f instanceof JailFile ? (JailFile) f : null;
        } catch (Exception e) {
            LOG.debug("cannot resolve {}: {}", FileNamePolicy.printable(name), e.toString());
            return null;
        }
    }

    /** {@code usage} lines, then {@code text}, then the rate line when there is one. */
    static List<String> withRate(List<String> usage, String text, long bytes, long nanos) {
        List<String> lines = new ArrayList<>(usage.size() + 2);
        lines.addAll(usage);
        lines.add(text);
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

    private static UploadEvent uploadEvent(FtpIoSession session, SessionUser user, JailFile target) {
        Path stored = target.storedPath();
        int mode = 0644;
        try {
            mode = toMode(Files.getPosixFilePermissions(stored));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("no permissions for {}: {}", stored, e.toString());
        }
        InetAddress client = EngineContext.remote(session).getAddress();
        return new UploadEvent(EngineContext.live(session).id(), stored, target.getSize(), mode, user.getName(),
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
