package org.plugftpd.altlog.format;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;
import org.plugftpd.transfer.api.TransferEvent;
import org.plugftpd.transfer.api.TransferEvent.Direction;
import org.plugftpd.transfer.api.TransferEvent.Status;

/**
 * Rebuilds every line of the real Pure-FTPd 1.0.50 logs in vectors/altlog from events made of what the
 * client transcripts say (user, file, direction, size, outcome); only the values that depend on the
 * moment (time, duration, aborted sizes, stats' session key) are taken from the recorded line itself,
 * and those are checked against the transcript's time window. The vector server ran in UTC.
 */
public class AltLogVectorsTest {

    private static final Path DIR = vectors().resolve("altlog");
    private static final String HOST = HostNames.forLog(InetAddress.getLoopbackAddress());

    private static Path vectors() {
        String configured = System.getProperty("plugftpd.vectors");
        return configured != null ? Paths.get(configured) : Paths.get("../vectors");
    }

    /** What one scripted step did, from its transcript row and curl -v output. */
    private static final class Step {
        int number;
        Instant clientStart;
        Instant clientEnd;
        String description;
        int curlExit;
        boolean anonymous;
        String command;
        String file;
        boolean dataOpened;
        long announcedSize = -1;

        Direction direction() {
            return "STOR".equals(command) ? Direction.UPLOAD : Direction.DOWNLOAD;
        }

        Status status() {
            if (command == null || !dataOpened) {
                return Status.FAILED;
            }
            return curlExit == 0 ? Status.COMPLETED : Status.ABORTED;
        }
    }

    /** Values of a recorded line that depend on the moment, not on the transfer. */
    private static final class Moment {
        Instant time;
        long seconds;
        long bytes;
        Instant sessionStart;
        long sessionId;
    }

    @Test
    public void clfLinesAreRebuiltByteForByte() throws IOException {
        Pattern p = Pattern.compile("^\\S+ - \\S+ \\[(\\S+ \\S+)\\] \"[A-Z]+ \\S+\" 200 (\\d+)$");
        DateTimeFormatter f = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
        rebuild("clf", new ClfFormat(ZoneOffset.UTC), line -> {
            Matcher m = matched(p, line);
            Moment moment = new Moment();
            moment.time = java.time.OffsetDateTime.parse(m.group(1).replace("-0000", "+0000"), f).toInstant();
            moment.bytes = Long.parseLong(m.group(2));
            return moment;
        });
    }

    @Test
    public void xferlogLinesAreRebuiltByteForByte() throws IOException {
        Pattern p = Pattern.compile("^(\\w{3} \\w{3} \\d\\d \\d\\d:\\d\\d:\\d\\d \\d{4}) (\\d+) \\S+ (\\d+) .*$");
        DateTimeFormatter f = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss yyyy", Locale.ENGLISH);
        rebuild("xferlog", new XferlogFormat(ZoneOffset.UTC), line -> {
            Matcher m = matched(p, line);
            Moment moment = new Moment();
            moment.time = LocalDateTime.parse(m.group(1), f).toInstant(ZoneOffset.UTC);
            moment.seconds = Long.parseLong(m.group(2));
            moment.bytes = Long.parseLong(m.group(3));
            return moment;
        });
    }

    @Test
    public void w3cLinesAreRebuiltByteForByte() throws IOException {
        Pattern p = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) .* (\\d+)$");
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        rebuild("w3c", new W3cFormat(), line -> {
            Matcher m = matched(p, line);
            Moment moment = new Moment();
            moment.time = LocalDateTime.parse(m.group(1), f).toInstant(ZoneOffset.UTC);
            moment.bytes = Long.parseLong(m.group(2));
            return moment;
        });
    }

    @Test
    public void statsLinesAreRebuiltByteForByte() throws IOException {
        Pattern p = Pattern.compile("^(\\d+) ([0-9a-f]+)\\.([0-9a-f]+) \\S+ \\S+ [UD] (\\d+) (\\d+) .*$");
        rebuild("stats", new StatsFormat(), line -> {
            Matcher m = matched(p, line);
            Moment moment = new Moment();
            moment.time = Instant.ofEpochSecond(Long.parseLong(m.group(1)));
            moment.sessionStart = Instant.ofEpochSecond(Long.parseLong(m.group(2), 16));
            moment.sessionId = Long.parseLong(m.group(3), 16);
            moment.bytes = Long.parseLong(m.group(4));
            moment.seconds = Long.parseLong(m.group(5));
            return moment;
        });
    }

    @Test
    public void w3cHeaderIsRebuiltFromItsDate() throws IOException {
        List<String> lines = logLines("w3c");
        String date = lines.get(2).substring("#Date: ".length());
        Instant created = LocalDateTime.parse(date, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                .toInstant(ZoneOffset.UTC);
        String expected = String.join("\n", lines.subList(0, 4)) + "\n";
        assertEquals(expected, new String(new W3cFormat().header(created), StandardCharsets.UTF_8));
    }

    private interface MomentReader {
        Moment read(String line);
    }

    private static Matcher matched(Pattern p, String line) {
        Matcher m = p.matcher(line);
        assertTrue("vector line does not have the expected layout: " + line, m.matches());
        return m;
    }

    private void rebuild(String format, AltLogFormat formatter, MomentReader reader) throws IOException {
        List<Step> steps = steps(format);
        List<String> recorded = new ArrayList<>();
        for (String line : logLines(format)) {
            if (!line.startsWith("#")) {
                recorded.add(line);
            }
        }
        String home = userHome();
        String anonHome = anonymousHome(home);
        int next = 0;
        for (Step step : steps) {
            String stored = step.file == null ? null : (step.anonymous ? anonHome : home) + step.file;
            if (step.status() == Status.FAILED) {
                TransferEvent failed = event(step, stored, Instant.parse("2026-11-25T00:00:00Z"), 0, 0, 1);
                assertEquals("step " + step.number + " (" + step.description + ") is not logged", 0,
                        formatter.line(failed, HOST).length);
                continue;
            }
            assertTrue("the " + format + " log has no line for step " + step.number, next < recorded.size());
            String line = recorded.get(next++);
            Moment moment = reader.read(line);
            String window = "step " + step.number + " " + step.clientStart + ".." + step.clientEnd;
            assertTrue("line time outside " + window + ": " + line,
                    !moment.time.isBefore(step.clientStart.minusSeconds(1)) && !moment.time.isAfter(step.clientEnd));
            if (step.status() == Status.COMPLETED) {
                assertEquals("bytes of " + window, step.announcedSize, moment.bytes);
            } else {
                assertTrue("aborted " + window + " logged " + moment.bytes,
                        moment.bytes > 0 && moment.bytes < step.announcedSize);
            }
            TransferEvent event = event(step, stored, moment.time.minusSeconds(moment.seconds), moment.seconds,
                    moment.bytes, moment.sessionId);
            byte[] actual;
            if (moment.sessionStart != null) {
                assertTrue("session start outside " + window, !moment.sessionStart.isBefore(
                        step.clientStart.minusSeconds(1)) && !moment.sessionStart.isAfter(moment.time));
                actual = ((StatsFormat) formatter).line(event, HOST, moment.sessionStart);
            } else {
                actual = formatter.line(event, HOST);
            }
            byte[] expected = (line + "\n").getBytes(StandardCharsets.UTF_8);
            assertEquals(window, line + "\n", new String(actual, StandardCharsets.UTF_8));
            assertArrayEquals(window, expected, actual);
        }
        assertEquals("lines of " + format + ".log left unmatched", recorded.size(), next);
    }

    private static TransferEvent event(Step step, String stored, Instant start, long seconds, long bytes,
            long sessionId) {
        return TransferEvent.builder().sessionId(sessionId).direction(step.direction()).status(step.status())
                .start(start).duration(Duration.ofSeconds(seconds).plusMillis(seconds > 0 ? 123 : 4))
                .bytes(bytes).client(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 40000))
                .login(step.anonymous ? "ftp" : "allog").anonymous(step.anonymous)
                .requestedPath(step.file).storedPath(stored).build();
    }

    private static List<String> logLines(String format) throws IOException {
        return Files.readAllLines(DIR.resolve(format + ".log"), StandardCharsets.UTF_8);
    }

    private static String userHome() throws IOException {
        String line = Files.readAllLines(DIR.resolve("pureftpd.passwd"), StandardCharsets.UTF_8).get(0);
        return line.split(":")[5].replace("/./", "/");
    }

    private static String anonymousHome(String userHome) throws IOException {
        String line = Files.readAllLines(DIR.resolve("anonymous-ftp-account.txt"), StandardCharsets.UTF_8).get(0);
        String work = userHome.substring(0, userHome.indexOf("/altlog/"));
        return line.split(":")[5].replace("$WORK", work) + "/";
    }

    private static List<Step> steps(String format) throws IOException {
        List<String> rows = Files.readAllLines(DIR.resolve(format + "-transcript.tsv"), StandardCharsets.UTF_8);
        Pattern size = Pattern.compile("\\((\\d+) bytes");
        List<Step> steps = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cols = row.split("\t");
            Step step = new Step();
            step.number = Integer.parseInt(cols[0]);
            step.clientStart = Instant.parse(cols[1]);
            step.clientEnd = Instant.parse(cols[2]);
            step.curlExit = Integer.parseInt(cols[3]);
            step.description = cols[4];
            Matcher m = size.matcher(step.description);
            if (m.find()) {
                step.announcedSize = Long.parseLong(m.group(1));
            }
            Path curl = DIR.resolve(format + "-session").resolve(String.format("%02d.curl-v", step.number));
            for (String raw : Files.readAllLines(curl, StandardCharsets.UTF_8)) {
                String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
                if (line.startsWith("> USER ")) {
                    step.anonymous = line.equals("> USER anonymous");
                } else if (line.startsWith("> STOR ") || line.startsWith("> RETR ")) {
                    step.command = line.substring(2, 6);
                    step.file = line.substring(7);
                } else if (line.startsWith("< 213 ")) {
                    step.announcedSize = Long.parseLong(line.substring(6));
                } else if (step.command != null && line.startsWith("< 150")) {
                    step.dataOpened = true;
                }
            }
            steps.add(step);
        }
        assertEquals(Arrays.asList(1, 12), Arrays.asList(steps.get(0).number, steps.get(steps.size() - 1).number));
        return steps;
    }
}
