package io.calicoj.kube.tls;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Run in a fresh JVM by {@link TlsAheadTest}: makes the JDK's first ClientHello (an {@link SSLEngine}
 * in client mode, no network) and prints the named groups of its {@code key_share} extension, then
 * those of its {@code supported_groups} extension, as two lines of hex ids ({@code 001d 0018}).
 * With the argument {@code programs}, first does what calicoctl and the CNI plugin do at start-up.
 */
public final class ClientHelloProbe {

    private static final int SUPPORTED_GROUPS = 10;
    private static final int KEY_SHARE = 51;

    private ClientHelloProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("programs")) {
            TlsAhead.preferCheapKeyShares();
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, null, null);
        SSLEngine engine = ctx.createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        ByteBuffer record = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.beginHandshake();
        engine.wrap(ByteBuffer.allocate(0), record);
        record.flip();
        List<String> keyShares = new ArrayList<>();
        List<String> supported = new ArrayList<>();
        ByteBuffer b = record;
        b.position(5 + 4 + 2 + 32); // record header, handshake header, legacy_version, random
        b.position(b.position() + 1 + (b.get(b.position()) & 0xff)); // legacy_session_id
        b.position(b.position() + 2 + (b.getShort(b.position()) & 0xffff)); // cipher_suites
        b.position(b.position() + 1 + (b.get(b.position()) & 0xff)); // legacy_compression_methods
        int end = b.position() + 2 + (b.getShort() & 0xffff);
        while (b.position() < end) {
            int type = b.getShort() & 0xffff;
            int length = b.getShort() & 0xffff;
            int next = b.position() + length;
            if (type == KEY_SHARE) {
                int sharesEnd = b.position() + 2 + (b.getShort() & 0xffff);
                while (b.position() < sharesEnd) {
                    keyShares.add(String.format("%04x", b.getShort() & 0xffff));
                    b.position(b.position() + 2 + (b.getShort(b.position()) & 0xffff));
                }
            } else if (type == SUPPORTED_GROUPS) {
                int groupsEnd = b.position() + 2 + (b.getShort() & 0xffff);
                while (b.position() < groupsEnd) {
                    supported.add(String.format("%04x", b.getShort() & 0xffff));
                }
            }
            b.position(next);
        }
        System.out.println(String.join(" ", keyShares));
        System.out.println(String.join(" ", supported));
    }
}
