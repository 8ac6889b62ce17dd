package io.calicoj.cni;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes an API server on this namespace's loopback reachable as {@code 127.0.0.1:<port>} inside
 * a node namespace: socat listens there and forwards over a Unix socket (which no network
 * namespace confines) to a second socat here. Nothing is added to this namespace's network.
 */
public final class KubeApiBridge implements AutoCloseable {

    private final Process outside;
    private final Process inside;
    private final Path socket;

    public KubeApiBridge(String nodeNamespace, int localPort, int nodePort, Path dir) throws IOException, InterruptedException {
        socket = dir.resolve("api.sock");
        outside = new ProcessBuilder("socat", "UNIX-LISTEN:" + socket + ",fork,unlink-early", "TCP:127.0.0.1:" + localPort + ",nodelay")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(20);
        }
        inside = new ProcessBuilder(List.of("ip", "netns", "exec", nodeNamespace, "socat",
                "TCP-LISTEN:" + nodePort + ",bind=127.0.0.1,reuseaddr,fork,nodelay", "UNIX-CONNECT:" + socket))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 100; i++) {
            if (Sh.exit("ip", "netns", "exec", nodeNamespace, "nc", "-z", "127.0.0.1", String.valueOf(nodePort)) == 0) {
                return;
            }
            Thread.sleep(20);
        }
        close();
        throw new IOException("the API bridge into " + nodeNamespace + " did not come up");
    }

    @Override
    public void close() {
        for (Process p : new Process[] {inside, outside}) {
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
            }
        }
    }
}
