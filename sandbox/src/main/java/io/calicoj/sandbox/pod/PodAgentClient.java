package io.calicoj.sandbox.pod;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Asks a pod's agent to connect somewhere from inside the pod. */
public final class PodAgentClient {

    private final Path controlSocket;

    public PodAgentClient(Path controlSocket) {
        this.controlSocket = controlSocket;
    }

    /** Whether a connection from the pod to {@code ip:port/protocol} succeeds within {@code timeoutMs}. */
    public ProbeResult probe(String ip, int port, String protocol, int timeoutMs) {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(controlSocket));
            c.write(ByteBuffer.wrap(("PROBE " + ip + " " + port + " " + protocol + " " + timeoutMs + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                return new ProbeResult(false, "agent closed the connection");
            }
            return line.equals("OK") ? new ProbeResult(true, "") : new ProbeResult(false, line.replaceFirst("^FAIL ", ""));
        } catch (IOException e) {
            return new ProbeResult(false, "agent unreachable: " + e.getMessage());
        }
    }

    public boolean isUp() {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(controlSocket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @param detail why it failed; empty when it connected */
    public record ProbeResult(boolean connected, String detail) {
    }
}
