package org.plugftpd.core.impl.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.command.impl.STAT;
import org.apache.ftpserver.ftplet.DataConnection;
import org.apache.ftpserver.ftplet.DataType;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.plugftpd.core.impl.fs.FileNamePolicy;
import org.plugftpd.core.impl.fs.JailFile;
import org.plugftpd.core.impl.fs.JailFileSystemView;
import org.plugftpd.core.impl.listing.EntryFacts;
import org.plugftpd.core.impl.listing.ListOptions;
import org.plugftpd.core.impl.listing.PureFtpdListing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LIST, NLST, MLSD, MLST and STAT with a path as Pure-FTPd answers them (spec/server-behaviour.md
 * §5), plus its TYPE and FEAT replies. Nothing outside the jail and no name with control bytes
 * is ever listed; a plain entry costs one lstat, a symlink also the jail's check of its target.
 * Stateless.
 */
final class ListingCommands {
    private static final Logger LOG = LoggerFactory.getLogger(ListingCommands.class);
    private static final Comparator<EntryFacts> BY_NAME = Comparator.comparing(EntryFacts::name);

    // only what this server really does: no TLS, PRET, ESTA/ESTP or SITE IDLE yet
    private static final List<String> FEATURES = List.of(" UTF8", " EPRT", " MDTM", " SIZE", " MFMT", " REST STREAM",
            " MLST type*;size*;sizd*;modify*;UNIX.mode*;UNIX.uid*;UNIX.gid*;unique*;", " MLSD", " TVFS", " PASV",
            " EPSV");

    private final STAT stockStatus = new STAT();

    AbstractCommand list() {
        return DataCommand.command(this::list);
    }

    AbstractCommand nameList() {
        return DataCommand.command(this::nameList);
    }

    AbstractCommand machineList() {
        return DataCommand.command(this::machineList);
    }

    AbstractCommand machineListFile() {
        return simple(this::machineListFile);
    }

    AbstractCommand status() {
        return simple(this::status);
    }

    AbstractCommand type() {
        return simple(ListingCommands::type);
    }

    AbstractCommand features() {
        return simple((s, c, r) -> s.write(new RawLinesReply(211, "Extensions supported:", FEATURES, "End.")));
    }

    private static AbstractCommand simple(DataCommand.Body body) {
        return new AbstractCommand() {
            @Override
            public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) throws IOException {
                session.resetState();
                body.run(session, context, request);
            }
        };
    }

    private void list(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        ListOptions options = ListOptions.parse(request.getArgument());
        List<EntryFacts> entries = collect(session, options);
        PureFtpdListing format = new PureFtpdListing(Instant.now(), ZoneId.systemDefault());
        StringBuilder sb = new StringBuilder(entries.size() * 80);
        for (EntryFacts f : entries) {
            format.appendLong(sb, f);
        }
        send(session, sb, List.of(options.describe(), entries.size() + " matches total"));
    }

    private void nameList(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        List<EntryFacts> entries = collect(session, ListOptions.parse(request.getArgument()));
        StringBuilder sb = new StringBuilder(entries.size() * 24);
        for (EntryFacts f : entries) {
            sb.append(f.name()).append("\r\n");
        }
        send(session, sb, List.of(entries.size() + " matches total"));
    }

    private void machineList(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        String argument = request.getArgument();
        JailFile dir = view(session).getFile(argument == null || argument.isBlank() ? "." : argument);
        if (!dir.isDirectory()) {
            session.write(new PureReply(550, dir.doesExist() ? "Not a directory"
                    : "Can't open " + FileNamePolicy.printable(argument) + ": No such file or directory"));
            return;
        }
        boolean withOwner = !user(session).anonymous();
        List<EntryFacts> entries = directory(session, dir, true, true, name -> true);
        // cdir and pdir stay first; Pure-FTPd sends the rest in directory order, sorted is as good and stable
        entries.subList(Math.min(2, entries.size()), entries.size()).sort(BY_NAME);
        StringBuilder sb = new StringBuilder(entries.size() * 140);
        for (int i = 0; i < entries.size(); i++) {
            EntryFacts f = entries.get(i);
            String type = i == 0 && f.name().equals(".") ? "cdir" : i == 1 && f.name().equals("..") ? "pdir" : null;
            PureFtpdListing.appendFacts(sb, f, type, withOwner);
            sb.append("\r\n");
        }
        send(session, sb, List.of(entries.size() + " matches total"));
    }

    private void machineListFile(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        String argument = request.getArgument();
        boolean none = argument == null || argument.isBlank();
        JailFile file = view(session).getFile(none ? "." : argument);
        EntryFacts facts = file.doesExist() ? entryFacts(session, file, none ? file.virtualPath() : argument) : null;
        if (facts == null) {
            session.write(new PureReply(550, "Can't open " + FileNamePolicy.printable(none ? "." : argument)
                    + ": No such file or directory"));
            return;
        }
        StringBuilder sb = new StringBuilder(160).append(' ');
        PureFtpdListing.appendFacts(sb, facts, null, !user(session).anonymous());
        session.write(new RawLinesReply(250, "Begin", List.of(sb.toString()), "End."));
    }

    private void status(FtpIoSession session, FtpServerContext context, FtpRequest request) throws IOException {
        if (!request.hasArgument() || session.getUser() == null) {
            stockStatus.execute(session, context, request);
            return;
        }
        List<EntryFacts> entries = collect(session, ListOptions.parse(request.getArgument()));
        PureFtpdListing format = new PureFtpdListing(Instant.now(), ZoneId.systemDefault());
        List<String> lines = new ArrayList<>(entries.size());
        StringBuilder sb = new StringBuilder(100);
        for (EntryFacts f : entries) {
            sb.setLength(0);
            format.appendLong(sb, f);
            lines.add(sb.substring(0, sb.length() - 2));
        }
        session.write(new RawLinesReply(213, "STAT", lines, "End."));
    }

    private static void type(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        String argument = request.getArgument() == null ? "" : request.getArgument().trim().toUpperCase(Locale.ROOT);
        if (argument.equals("A") || argument.startsWith("A ")) {
            session.setDataType(DataType.ASCII);
            session.write(new PureReply(200, "TYPE is now ASCII"));
        } else if (argument.equals("I") || argument.equals("L 8") || argument.equals("L8")) {
            session.setDataType(DataType.BINARY);
            session.write(new PureReply(200, "TYPE is now 8-bit binary"));
        } else {
            session.write(new PureReply(504, "Unknown TYPE: " + FileNamePolicy.printable(argument)));
        }
    }

    /** LIST/NLST/STAT: the directory's entries, or the one file named, by name. */
    private static List<EntryFacts> collect(FtpIoSession session, ListOptions options) {
        String path = options.path();
        JailFile target = view(session).getFile(path.isEmpty() ? "." : path);
        if (!target.doesExist()) {
            return matching(session, path, options);
        }
        if (!target.isDirectory()) {
            EntryFacts one = entryFacts(session, target, path);
            return one == null ? List.of() : List.of(one);
        }
        List<EntryFacts> entries = directory(session, target, options.showsHidden(), options.all(), name -> true);
        entries.sort(BY_NAME);
        return entries;
    }

    /**
     * {@code *.txt}, {@code sub/a?c}: the entries of the directory whose names match the last part,
     * shown with the directory part as given (what {@code mget} sends as NLST). As in a shell, a
     * leading {@code *} or {@code ?} does not match dot files.
     */
    private static List<EntryFacts> matching(FtpIoSession session, String path, ListOptions options) {
        int slash = path.lastIndexOf('/');
        String pattern = path.substring(slash + 1);
        if (pattern.isEmpty() || pattern.chars().noneMatch(c -> c == '*' || c == '?' || c == '[')) {
            return List.of();
        }
        String prefix = path.substring(0, slash + 1);
        JailFile parent = view(session).getFile(prefix.isEmpty() ? "." : prefix);
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (RuntimeException e) {
            return List.of();
        }
        boolean hidden = options.showsHidden() || pattern.startsWith(".");
        List<EntryFacts> entries = directory(session, parent, hidden, false,
                name -> matcher.matches(Paths.get(name)));
        List<EntryFacts> shown = new ArrayList<>(entries.size());
        for (EntryFacts f : entries) {
            shown.add(prefix.isEmpty() ? f : f.named(prefix + f.name()));
        }
        shown.sort(BY_NAME);
        return shown;
    }

    /**
     * A directory's listed entries; {@code .} and {@code ..} first when asked for (at the jail
     * root {@code ..} is the root itself, as a chroot makes it).
     * <p>The same entries as {@link JailFile#listFiles()}, found for one lstat each instead of a
     * realpath and three stats: an entry that is not a symlink lies in the checked directory, so
     * inside the jail; a symlink is listed only when the jail resolves it to a file or directory.
     */
    private static List<EntryFacts> directory(FtpIoSession session, JailFile dir, boolean hidden, boolean dotEntries,
            Predicate<String> accepted) {
        Path real = dir.isDirectory() ? dir.resolvedPath().orElse(null) : null;
        List<EntryFacts> entries = new ArrayList<>();
        if (real == null) {
            return entries;
        }
        JailFileSystemView view = view(session);
        if (dotEntries) {
            EntryFacts self = read(real, ".");
            if (self != null) {
                entries.add(self);
                EntryFacts parent = real.equals(view.jailRoot()) ? null : read(real.getParent(), "..");
                entries.add(parent != null ? parent : self.named(".."));
            }
        }
        String prefix = dir.virtualPath().endsWith("/") ? dir.virtualPath() : dir.virtualPath() + "/";
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(real)) {
            for (Path entry : stream) {
                String name = entry.getFileName().toString();
                // spec §5: names with control bytes (CR, LF...) would break the listing: never listed
                if ((!hidden && name.startsWith(".")) || FileNamePolicy.hasControlCharacter(name) || !accepted.test(name)) {
                    continue;
                }
                EntryFacts f = read(entry, name);
                if (f == null || !PureFtpdListing.isListed(f)) {
                    continue;
                }
                if (f.isSymbolicLink()) {
                    JailFile target = view.getFile(prefix + name);
                    if (!target.isFile() && !target.isDirectory()) {
                        continue;
                    }
                }
                entries.add(f);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot list {}: {}", real, e.toString());
        }
        return entries;
    }

    /** Facts of one existing file, the entry itself (a symlink is not followed), shown as {@code name}. */
    private static EntryFacts entryFacts(FtpIoSession session, JailFile file, String name) {
        Path entry;
        if (file.isSymbolicLink()) {
            // resolvedPath() follows the link: read the link itself, in its directory's real location
            Path parent = view(session).getFile(file.virtualPath() + "/..").resolvedPath().orElse(null);
            entry = parent == null ? null : parent.resolve(file.getName());
        } else {
            entry = file.resolvedPath().orElse(null);
        }
        if (entry == null) {
            return null;
        }
        EntryFacts f = read(entry, FileNamePolicy.printable(name));
        return f != null && PureFtpdListing.isListed(f) ? f : null;
    }

    private static EntryFacts read(Path entry, String name) {
        try {
            return EntryFacts.read(entry, name);
        } catch (IOException | RuntimeException e) {
            // vanished since the directory was read, or no permission: not listed
            LOG.debug("not listing {}: {}", entry, e.toString());
            return null;
        }
    }

    /** Opens the data connection, sends the listing in one write and answers 226 with {@code closing}. */
    private static void send(FtpIoSession session, StringBuilder listing, List<String> closing) {
        if (!DataCommand.dataConnectionPrepared(session)) {
            return;
        }
        session.write(new PureReply(150, "Accepted data connection"));
        DataConnection data;
        try {
            data = session.getDataConnection().openConnection();
        } catch (Exception e) {
            session.write(new PureReply(425, "Can't open data connection"));
            return;
        }
        try {
            data.transferToClient(session.getFtpletSession(), listing.toString());
        } catch (IOException e) {
            LOG.debug("{}: listing aborted: {}", session.getRemoteAddress(), e.toString());
            session.write(new PureReply(426, "Transfer aborted"));
            return;
        }
        session.write(new PureReply(226, closing));
    }

    private static JailFileSystemView view(FtpIoSession session) {
        return (JailFileSystemView) session.getFileSystemView();
    }

    private static SessionUser user(FtpIoSession session) {
        return (SessionUser) session.getUser();
    }
}
