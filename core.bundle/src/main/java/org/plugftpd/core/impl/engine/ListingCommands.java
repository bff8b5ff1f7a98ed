package org.plugftpd.core.impl.engine;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

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
        PureFtpdListing format = new PureFtpdListing(Instant.now(), ZoneId.systemDefault());
        if (recursively(session, options, format::appendLong, List.of(options.describe()))) {
            return;
        }
        Listing listing = collect(session, options);
        StringBuilder sb = new StringBuilder(listing.entries.size() * 80);
        for (EntryFacts f : listing.entries) {
            format.appendLong(sb, f);
        }
        send(session, sb, List.of(options.describe(), listing.summary()));
    }

    private void nameList(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        ListOptions options = ListOptions.parse(request.getArgument());
        if (recursively(session, options, (sb, f) -> sb.append(f.name()).append("\r\n"), List.of())) {
            return;
        }
        Listing listing = collect(session, options);
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

    /**
     * LIST/NLST {@code -R} of a directory, as Pure-FTPd's {@code listdir} writes it: the entries,
     * then for each real subdirectory (links are not descended) a blank line, {@code ./sub:} and
     * a blank line and its entries, down to {@code maxListDepth} levels and up to
     * {@code maxListFiles} entries in all. False when this is not such a listing.
     */
    private boolean recursively(FtpIoSession session, ListOptions options, BiConsumer<StringBuilder, EntryFacts> line,
            List<String> closing) {
        if (!options.recursive() || GlobPattern.isPattern(options.path())) {
            return false;
        }
        String path = options.path();
        JailFile top = view(session).getFile(path.isEmpty() ? "." : path);
        if (!top.isDirectory()) {
            return false;
        }
        StringBuilder sb = new StringBuilder();
        int[] count = {0};
        boolean truncated = listTree(view(session), top, path.isEmpty() ? "." : FileNamePolicy.printable(path),
                options, 0, sb, line, count);
        List<String> lines = new ArrayList<>(closing);
        lines.add(Listing.summary(count[0], truncated));
        send(session, sb, lines);
        return true;
    }

    /** One level of {@link #recursively}; true when the file cap stopped it. */
    private boolean listTree(JailFileSystemView view, JailFile dir, String shown, ListOptions options, int depth, StringBuilder sb,
            BiConsumer<StringBuilder, EntryFacts> line, int[] count) {
        int max = engine.settings().maxListFiles();
        if (depth >= engine.settings().maxListDepth() || count[0] >= max) {
            return false;
        }
        Listing listing = directory(dir, options.showsHidden(), options.all(), null, "", max - count[0]);
        listing.entries.sort(BY_NAME);
        for (EntryFacts f : listing.entries) {
            line.accept(sb, f);
        }
        count[0] += listing.entries.size();
        if (listing.truncated) {
            return true;
        }
        for (EntryFacts f : listing.entries) {
            if (!f.isDirectory() || f.name().equals(".") || f.name().equals("..")) {
                continue;
            }
            String sub = shown + "/" + f.name();
            sb.append("\r\n\r\n").append(sub).append(":\r\n\r\n");
            JailFile child = view.getFile(dir.virtualPath().equals("/") ? "/" + f.name()
                    : dir.virtualPath() + "/" + f.name());
            if (listTree(view, child, sub, options, depth + 1, sb, line, count) || count[0] >= max) {
                return count[0] >= max;
            }
        }
        return false;
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
        return directory(dir, hidden, dotEntries, pattern, prefix, engine.settings().maxListFiles());
    }

    private Listing directory(JailFile dir, boolean hidden, boolean dotEntries, GlobPattern pattern, String prefix,
            int max) {
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
            return summary(entries.size(), truncated);
        }

        static String summary(int matches, boolean truncated) {
            return truncated ? "Output truncated to " + matches + " matches" : matches + " matches total";
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
