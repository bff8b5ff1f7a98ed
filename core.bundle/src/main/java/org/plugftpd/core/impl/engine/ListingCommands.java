package org.plugftpd.core.impl.engine;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.command.impl.STAT;
import org.apache.ftpserver.ftplet.DataConnection;
import org.apache.ftpserver.ftplet.DataType;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.plugftpd.core.impl.fs.FileNamePolicy;
import org.plugftpd.core.impl.fs.EntryAttributes;
import org.plugftpd.core.impl.fs.JailDirectory;
import org.plugftpd.core.impl.fs.JailFile;
import org.plugftpd.core.impl.fs.JailFileSystemView;
import org.plugftpd.core.impl.listing.EntryFacts;
import org.plugftpd.core.impl.listing.GlobPattern;
import org.plugftpd.core.impl.listing.ListOptions;
import org.plugftpd.core.impl.listing.PureFtpdListing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LIST, NLST, MLSD, MLST and STAT with a path as Pure-FTPd answers them (spec/server-behaviour.md
 * §5), plus its TYPE and FEAT replies. Nothing outside the jail and no name with control bytes
 * is ever listed; every directory is read through a handle the jail opened race-free, a plain
 * entry costs two lstats, a symlink also the jail's walk of its target. Listings stop at the
 * {@code maxListFiles} setting. Stateless but for the settings it reads.
 */
final class ListingCommands {
    private static final Logger LOG = LoggerFactory.getLogger(ListingCommands.class);
    private static final Comparator<EntryFacts> BY_NAME = Comparator.comparing(EntryFacts::name);

    // only what this server really does: no TLS, PRET, ESTA/ESTP or SITE IDLE yet
    private static final List<String> FEATURES = List.of(" UTF8", " EPRT", " MDTM", " SIZE", " MFMT", " REST STREAM",
            " MLST type*;size*;sizd*;modify*;UNIX.mode*;UNIX.uid*;UNIX.gid*;unique*;", " MLSD", " TVFS", " PASV",
            " EPSV");

    /** Matching steps one glob listing may take (about a second of work at worst). */
    static final long GLOB_STEPS_PER_LISTING = 50_000_000L;

    private final STAT stockStatus = new STAT();
    private final EngineContext engine;

    ListingCommands(EngineContext engine) {
        this.engine = engine;
    }

    AbstractCommand list() {
        return TransferCommands.command(this::list);
    }

    AbstractCommand nameList() {
        return TransferCommands.command(this::nameList);
    }

    AbstractCommand machineList() {
        return TransferCommands.command(this::machineList);
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

    private static AbstractCommand simple(TransferCommands.Body body) {
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
        Listing listing = collect(session, options);
        PureFtpdListing format = new PureFtpdListing(Instant.now(), ZoneId.systemDefault());
        StringBuilder sb = new StringBuilder(listing.entries.size() * 80);
        for (EntryFacts f : listing.entries) {
            format.appendLong(sb, f);
        }
        send(session, sb, List.of(options.describe(), listing.summary()));
    }

    private void nameList(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        Listing listing = collect(session, ListOptions.parse(request.getArgument()));
        StringBuilder sb = new StringBuilder(listing.entries.size() * 24);
        for (EntryFacts f : listing.entries) {
            sb.append(f.name()).append("\r\n");
        }
        send(session, sb, List.of(listing.summary()));
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
        Listing listing = directory(dir, true, true, null, "");
        List<EntryFacts> entries = listing.entries;
        // cdir and pdir stay first; Pure-FTPd sends the rest in directory order, sorted is as good and stable
        entries.subList(Math.min(2, entries.size()), entries.size()).sort(BY_NAME);
        StringBuilder sb = new StringBuilder(entries.size() * 140);
        for (int i = 0; i < entries.size(); i++) {
            EntryFacts f = entries.get(i);
            String type = i == 0 && f.name().equals(".") ? "cdir" : i == 1 && f.name().equals("..") ? "pdir" : null;
            PureFtpdListing.appendFacts(sb, f, type, withOwner);
            sb.append("\r\n");
        }
        send(session, sb, List.of(listing.summary()));
    }

    private void machineListFile(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        String argument = request.getArgument();
        boolean none = argument == null || argument.isBlank();
        JailFile file = view(session).getFile(none ? "." : argument);
        EntryAttributes a = file.entryAttributes();
        if (a == null) {
            session.write(new PureReply(550, "Can't open " + FileNamePolicy.printable(none ? "." : argument)
                    + ": No such file or directory"));
            return;
        }
        EntryFacts facts = EntryFacts.of(FileNamePolicy.printable(none ? file.virtualPath() : argument), a);
        StringBuilder sb = new StringBuilder(160).append(' ');
        PureFtpdListing.appendFacts(sb, facts, null, !user(session).anonymous());
        session.write(new RawLinesReply(250, "Begin", List.of(sb.toString()), "End."));
    }

    private void status(FtpIoSession session, FtpServerContext context, FtpRequest request) throws IOException {
        if (!request.hasArgument() || session.getUser() == null) {
            stockStatus.execute(session, context, request);
            return;
        }
        Listing listing = collect(session, ListOptions.parse(request.getArgument()));
        PureFtpdListing format = new PureFtpdListing(Instant.now(), ZoneId.systemDefault());
        List<String> lines = new ArrayList<>(listing.entries.size());
        StringBuilder sb = new StringBuilder(100);
        for (EntryFacts f : listing.entries) {
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
    private Listing collect(FtpIoSession session, ListOptions options) {
        String path = options.path();
        JailFile target = view(session).getFile(path.isEmpty() ? "." : path);
        if (!target.doesExist()) {
            return matching(session, path, options);
        }
        if (!target.isDirectory()) {
            EntryAttributes a = target.entryAttributes();
            return new Listing(a == null ? new ArrayList<>()
                    : new ArrayList<>(List.of(EntryFacts.of(FileNamePolicy.printable(path), a))), false);
        }
        Listing listing = directory(target, options.showsHidden(), options.all(), null, "");
        listing.entries.sort(BY_NAME);
        return listing;
    }

    /**
     * {@code *.txt}, {@code sub/a?c}: the entries of the directory whose names match the last part,
     * shown with the directory part as given (what {@code mget} sends as NLST). As in a shell, a
     * leading {@code *} or {@code ?} does not match dot files. Matching is linear per name
     * ({@link GlobPattern}) and the steps of one listing are bounded.
     */
    private Listing matching(FtpIoSession session, String path, ListOptions options) {
        int slash = path.lastIndexOf('/');
        String last = path.substring(slash + 1);
        if (last.isEmpty() || !GlobPattern.isPattern(last)) {
            return new Listing(new ArrayList<>(), false);
        }
        GlobPattern pattern = GlobPattern.compile(last);
        if (pattern == null) {
            return new Listing(new ArrayList<>(), false);
        }
        String prefix = path.substring(0, slash + 1);
        JailFile parent = view(session).getFile(prefix.isEmpty() ? "." : prefix);
        boolean hidden = options.showsHidden() || last.startsWith(".");
        Listing listing = directory(parent, hidden, false, pattern, FileNamePolicy.printable(prefix));
        listing.entries.sort(BY_NAME);
        return listing;
    }

    /**
     * A directory's listed entries, at most {@code maxListFiles} of them (then the listing says
     * it was truncated, as Pure-FTPd's {@code -L} does): read one by one from a handle opened
     * race-free, so memory stays bounded by the cap whatever the directory holds. {@code .} and
     * {@code ..} first when asked for (at the jail root {@code ..} is the root itself, as a
     * chroot makes it). Shown names get {@code prefix} in front.
     */
    private Listing directory(JailFile dir, boolean hidden, boolean dotEntries, GlobPattern pattern, String prefix) {
        int max = engine.settings().maxListFiles();
        GlobPattern.Budget budget = new GlobPattern.Budget(GLOB_STEPS_PER_LISTING);
        List<EntryFacts> entries = new ArrayList<>();
        boolean truncated = false;
        try (JailDirectory d = dir.openDirectory()) {
            if (dotEntries) {
                EntryAttributes self = d.self();
                if (self != null) {
                    entries.add(EntryFacts.of(".", self));
                    EntryAttributes up = d.parent();
                    entries.add(EntryFacts.of("..", up != null ? up : self));
                }
            }
            for (Iterator<String> names = d.names(); names.hasNext();) {
                String name = names.next();
                if (!hidden && name.startsWith(".")) {
                    continue;
                }
                if (pattern != null && !pattern.matches(name, budget)) {
                    if (budget.exhausted()) {
                        LOG.info("glob listing of {} stopped after {} matching steps", dir.virtualPath(),
                                GLOB_STEPS_PER_LISTING);
                        truncated = true;
                        break;
                    }
                    continue;
                }
                EntryAttributes a = describe(d, name);
                if (a == null) {
                    continue;
                }
                if (entries.size() >= max) {
                    truncated = true;
                    break;
                }
                entries.add(EntryFacts.of(prefix + name, a));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot list {}: {}", dir.virtualPath(), e.toString());
        }
        return new Listing(entries, truncated);
    }

    private static EntryAttributes describe(JailDirectory d, String name) {
        try {
            return d.entry(name);
        } catch (IOException | RuntimeException e) {
            // vanished since the directory was read, or no permission: not listed
            LOG.debug("not listing {}: {}", name, e.toString());
            return null;
        }
    }

    /** The entries of one listing and whether the cap cut it short. */
    private static final class Listing {
        final List<EntryFacts> entries;
        final boolean truncated;

        Listing(List<EntryFacts> entries, boolean truncated) {
            this.entries = entries;
            this.truncated = truncated;
        }

        /** spec/server-behaviour.md §5: the final line of the 226 reply. */
        String summary() {
            return truncated ? "Output truncated to " + entries.size() + " matches"
                    : entries.size() + " matches total";
        }
    }

    /** Opens the data connection, sends the listing in one write and answers 226 with {@code closing}. */
    private static void send(FtpIoSession session, StringBuilder listing, List<String> closing) {
        if (!TransferCommands.dataConnectionPrepared(session)) {
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
