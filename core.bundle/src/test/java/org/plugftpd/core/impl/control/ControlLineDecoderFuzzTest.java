package org.plugftpd.core.impl.control;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.junit.Test;

/**
 * Property tests by seeded random generation: byte streams rich in what matters (CR, LF, IAC and
 * Telnet commands, invalid UTF-8, long runs) cut at random points. However a stream is cut into
 * reads, the lines are the same; no input makes the decoder throw; after any input a line end and
 * a good line decode to that line; no line is longer than the limit. A failure names its seed and
 * try, so it can be replayed with {@code -Dcontrol.fuzz.seed=}.
 */
public class ControlLineDecoderFuzzTest {
    private static final int SMALL_MAX = 64;
    private static final int TRIES = Integer.getInteger("control.fuzz.tries", 5000);
    private static final long SEED = Long.getLong("control.fuzz.seed", System.nanoTime());
    private static final byte[] INTERESTING = {'\r', '\n', (byte) 0xff, (byte) 0xf4, (byte) 0xf2, (byte) 0xfa,
        (byte) 0xf0, (byte) 0xfb, (byte) 0xfe, (byte) 0xc0, (byte) 0xae, (byte) 0xc3, (byte) 0xa9, 0, 'A', ' '};

    @Test
    public void readBoundariesDoNotChangeTheLines() {
        Random random = new Random(SEED);
        for (int t = 0; t < TRIES; t++) {
            byte[] stream = stream(random);
            assertEquals(replay(t), decode(List.of(stream)), decode(split(stream, random)));
        }
    }

    @Test
    public void theDecoderStartsAfreshAfterAnyInput() {
        Random random = new Random(SEED + 1);
        byte[] tail = "\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int t = 0; t < TRIES; t++) {
            byte[] stream = stream(random);
            byte[] all = Arrays.copyOf(stream, stream.length + tail.length);
            System.arraycopy(tail, 0, all, stream.length, tail.length);
            List<String> events = decode(split(all, random));
            assertEquals(replay(t), "NOOP", events.get(events.size() - 1));
        }
    }

    @Test
    public void noLineIsLongerThanTheLimit() {
        Random random = new Random(SEED + 2);
        for (int t = 0; t < TRIES; t++) {
            for (String e : decode(List.of(stream(random)))) {
                assertTrue(replay(t) + ": " + e, e.getBytes(StandardCharsets.UTF_8).length <= SMALL_MAX);
            }
        }
    }

    private static String replay(int t) {
        return "seed " + SEED + ", try " + t;
    }

    private static byte[] stream(Random random) {
        byte[] b = new byte[random.nextInt(401)];
        for (int i = 0; i < b.length; i++) {
            int kind = random.nextInt(8);
            if (kind < 3) {
                b[i] = INTERESTING[random.nextInt(INTERESTING.length)];
            } else if (kind < 5) {
                b[i] = (byte) random.nextInt(256);
            } else {
                b[i] = (byte) ('a' + random.nextInt(26));
            }
        }
        return b;
    }

    private static List<byte[]> split(byte[] stream, Random random) {
        TreeSet<Integer> points = new TreeSet<>();
        int cuts = random.nextInt(13);
        for (int i = 0; i < cuts && stream.length > 1; i++) {
            points.add(1 + random.nextInt(stream.length - 1));
        }
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        for (int p : points) {
            chunks.add(Arrays.copyOfRange(stream, from, p));
            from = p;
        }
        chunks.add(Arrays.copyOfRange(stream, from, stream.length));
        return chunks;
    }

    private static List<String> decode(List<byte[]> chunks) {
        // a small limit so that the streams reach it often; decode() throws nothing, by contract
        ControlLineDecoder decoder = new ControlLineDecoder(StandardCharsets.UTF_8, SMALL_MAX);
        DecodedEvents sink = new DecodedEvents();
        for (byte[] chunk : chunks) {
            decoder.decode(ByteBuffer.wrap(chunk), sink);
        }
        return sink.events;
    }
}
