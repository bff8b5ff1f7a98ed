package org.plugftpd.core.impl.control;

import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderAdapter;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;

/**
 * Encodes replies (any object, by its {@code toString()}, which for FtpServer's replies is the
 * framed text) as UTF-8. Decoding is {@link ControlLineFilter}'s: bytes never reach this codec.
 * Stateless and thread-safe.
 */
public final class ReplyEncoding implements ProtocolCodecFactory {
    private static final ThreadLocal<CharsetEncoder> UTF8 = ThreadLocal.withInitial(StandardCharsets.UTF_8::newEncoder);

    private final ProtocolEncoder encoder = new ProtocolEncoderAdapter() {
        @Override
        public void encode(IoSession session, Object message, ProtocolEncoderOutput out) throws Exception {
            String text = message.toString();
            IoBuffer buf = IoBuffer.allocate(text.length() + 16).setAutoExpand(true);
            buf.putString(text, UTF8.get().reset());
            buf.flip();
            out.write(buf);
        }
    };

    private final ProtocolDecoder decoder = new ProtocolDecoderAdapter() {
        @Override
        public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) {
            throw new IllegalStateException("control lines are decoded by ControlLineFilter, before this codec");
        }
    };

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return encoder;
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        return decoder;
    }
}
