package org.plugftpd.core.impl.admin;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One frame of the admin protocol: a type byte, a 4-byte big-endian payload length, the payload.
 * Immutable; the static read/write methods are thread-safe as long as callers serialise access
 * to one stream.
 */
public final class AdminFrame {

    /** Client to server: one command line (UTF-8). */
    public static final byte COMMAND = 'C';
    /** Server to client: bytes the command wrote to its standard output. */
    public static final byte STDOUT = 'O';
    /** Server to client: bytes the command wrote to its standard error. */
    public static final byte STDERR = 'E';
    /** Server to client: the command's exit status as decimal text; ends one command's reply. */
    public static final byte EXIT = 'X';

    /** Refuse larger frames: a command line or an output chunk is never this big. */
    static final int MAX_PAYLOAD = 16 * 1024 * 1024;

    private final byte type;
    private final byte[] payload;

    public AdminFrame(byte type, byte[] payload) {
        this.type = type;
        this.payload = payload.clone();
    }

    public static AdminFrame text(byte type, String text) {
        return new AdminFrame(type, text.getBytes(StandardCharsets.UTF_8));
    }

    public byte type() {
        return type;
    }

    public byte[] payload() {
        return payload.clone();
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** Writes type, length and payload in one go and flushes. */
    public static void write(OutputStream out, byte type, byte[] data, int offset, int length) throws IOException {
        byte[] frame = new byte[5 + length];
        frame[0] = type;
        frame[1] = (byte) (length >>> 24);
        frame[2] = (byte) (length >>> 16);
        frame[3] = (byte) (length >>> 8);
        frame[4] = (byte) length;
        System.arraycopy(data, offset, frame, 5, length);
        out.write(frame);
        out.flush();
    }

    public void writeTo(OutputStream out) throws IOException {
        write(out, type, payload, 0, payload.length);
    }

    /**
     * Reads one frame.
     *
     * @return the frame, or {@code null} when the stream ends cleanly before a new frame
     * @throws IOException when the stream ends inside a frame or announces an impossible length
     */
    public static AdminFrame read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        DataInputStream data = new DataInputStream(in);
        int length;
        byte[] payload;
        try {
            length = data.readInt();
            if (length < 0 || length > MAX_PAYLOAD) {
                throw new IOException("admin frame '" + (char) type + "' announces " + length
                        + " bytes; at most " + MAX_PAYLOAD + " are allowed");
            }
            payload = new byte[length];
            data.readFully(payload);
        } catch (EOFException e) {
            throw new IOException("admin connection closed inside a '" + (char) type + "' frame", e);
        }
        return new AdminFrame((byte) type, payload);
    }

    @Override
    public String toString() {
        return "AdminFrame[" + (char) type + ", " + payload.length + " bytes]";
    }
}
